package dev.tenantguard.agent.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * A realistic {@code violations.jsonl}, in the exact format of the agent's {@code Json} writer
 * (field order, {@code rule} or {@code reason}, {@code sql} only when present, escapes). Written
 * with {@code '} for {@code "} to keep the escapes readable: {@code \\'} is the JSON {@code \"}.
 */
final class Fixtures {
    private Fixtures() {
    }

    static final String SITE_FIND = "com.example.notes.NoteRepository.findById(NoteRepository.java:42)";
    static final String SITE_SEARCH = "com.example.notes.NoteRepository.search(NoteRepository.java:67)";
    static final String SITE_EXPORT = "com.example.notes.ExportJob.run(ExportJob.java:31)";
    static final String SITE_MAIL = "com.example.notes.AsyncMailer.send(AsyncMailer.java:55)";
    static final String SITE_BILLING = "com.example.notes.BillingJob.run(BillingJob.java:12)";

    /** 12 lines: 4 violation call sites (13 violations), 1 audit call site (3 entries), a blank line, 2 malformed lines (6 and 10). */
    static final String JSONL = """
            {'time':'2026-11-29T08:00:01.512345Z','kind':'CROSS_TENANT','family':'jdbc','operation':'SELECT','resource':'notes','resourceTenant':'globex','activeTenant':'acme','rule':'notes','action':'REPORTED','thread':'http-worker-3','callSite':'com.example.notes.NoteRepository.findById(NoteRepository.java:42)','stack':['com.example.notes.NoteRepository.findById(NoteRepository.java:42)','com.example.notes.NoteHandler.get(NoteHandler.java:88)','com.sun.net.httpserver.Filter$Chain.doFilter(Filter.java:95)'],'message':'tenant acme tried to SELECT notes owned by tenant globex (rule notes)','sql':'SELECT id, body FROM notes WHERE id = ?','count':1}
            {'time':'2026-11-29T08:00:02Z','kind':'UNSCOPED_QUERY','family':'jdbc','operation':'SELECT','resource':'notes','resourceTenant':null,'activeTenant':'acme','rule':'no predicate on notes.tenant_id','action':'REPORTED','thread':'http-worker-1','callSite':'com.example.notes.NoteRepository.search(NoteRepository.java:67)','stack':['com.example.notes.NoteRepository.search(NoteRepository.java:67)'],'message':'SELECT on notes without a tenant predicate','sql':'SELECT * FROM notes\\n  WHERE body LIKE ? -- \\'q\\'','count':1}
            {'time':'2026-11-29T08:00:03.000001Z','kind':'CROSS_TENANT','family':'files','operation':'WRITE','resource':'/srv/notes/globex/exports/acme \\'q1\\\\2026\\'.csv','resourceTenant':'globex','activeTenant':'acme','rule':'/srv/notes/{tenant}/**','action':'REPORTED','thread':'export-1','callSite':'com.example.notes.ExportJob.run(ExportJob.java:31)','stack':['com.example.notes.ExportJob.run(ExportJob.java:31)','java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)'],'message':'export\\u2028written to globex\\ttab','count':1}
            {'time':'2026-11-29T08:00:12Z','kind':'CROSS_TENANT','family':'jdbc','operation':'SELECT','resource':'notes','resourceTenant':'globex','activeTenant':'initech','rule':'notes','action':'REPORTED','thread':'http-worker-2','callSite':'com.example.notes.NoteRepository.findById(NoteRepository.java:42)','stack':['com.example.notes.NoteRepository.findById(NoteRepository.java:42)','com.example.notes.NoteHandler.get(NoteHandler.java:88)'],'message':'tenant initech tried to SELECT notes owned by tenant globex (rule notes)','sql':'SELECT id, body FROM notes WHERE id = ?','count':5}
            {'time':'2026-11-29T08:00:20Z','kind':'PRIVILEGED','family':'context','operation':'PRIVILEGED','resource':null,'resourceTenant':null,'activeTenant':null,'reason':'nightly billing','action':'AUDIT','thread':'billing','callSite':'com.example.notes.BillingJob.run(BillingJob.java:12)','stack':['com.example.notes.BillingJob.run(BillingJob.java:12)'],'message':'privileged scope entered: nightly billing','count':1}
            {'time':'2026-11-29T08:00:21Z','kind':'CROSS_T
            {'time':'2026-11-29T08:01:30Z','kind':'NO_TENANT','family':'http','operation':'GET','resource':'http://attachments.internal/tenants/globex/files/7','resourceTenant':'globex','activeTenant':null,'rule':'http://attachments.internal/tenants/{tenant}/**','action':'BLOCKED','thread':'ForkJoinPool.commonPool-worker-1','callSite':'com.example.notes.AsyncMailer.send(AsyncMailer.java:55)','stack':['com.example.notes.AsyncMailer.send(AsyncMailer.java:55)','java.base/java.util.concurrent.CompletableFuture$AsyncRun.run(CompletableFuture.java:1804)'],'message':'no tenant in context for GET of tenant globex','count':1}
            {'time':'2026-11-29T08:02:05Z','kind':'CROSS_TENANT','family':'jdbc','operation':'SELECT','resource':'notes','resourceTenant':'globex','activeTenant':'acme','rule':'notes','action':'REPORTED','thread':'http-worker-3','callSite':'com.example.notes.NoteRepository.findById(NoteRepository.java:42)','stack':['com.example.notes.NoteRepository.findById(NoteRepository.java:42)','com.example.notes.NoteHandler.get(NoteHandler.java:88)'],'message':'tenant acme tried to SELECT notes owned by tenant globex (rule notes)','sql':'SELECT id, body FROM notes WHERE id = ?','count':9}

            not json at all
            {'time':'2026-11-29T08:02:05Z','kind':'CROSS_TENANT','family':'files','operation':'WRITE','resource':'/srv/notes/globex/exports/acme \\'q1\\\\2026\\'.csv','resourceTenant':'globex','activeTenant':'acme','rule':'/srv/notes/{tenant}/**','action':'REPORTED','thread':'export-1','callSite':'com.example.notes.ExportJob.run(ExportJob.java:31)','stack':['com.example.notes.ExportJob.run(ExportJob.java:31)','java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)'],'message':'export\\u2028written to globex\\ttab','count':2}
            {'time':'2026-11-29T08:02:05Z','kind':'PRIVILEGED','family':'context','operation':'PRIVILEGED','resource':null,'resourceTenant':null,'activeTenant':null,'reason':'nightly billing','action':'AUDIT','thread':'billing','callSite':'com.example.notes.BillingJob.run(BillingJob.java:12)','stack':['com.example.notes.BillingJob.run(BillingJob.java:12)'],'message':'privileged scope entered: nightly billing','count':3}
            """.replace('\'', '"');

    static ViolationLog read(String jsonl) {
        try {
            return ViolationLog.read(new StringReader(jsonl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ViolationLog.Site site(ViolationLog log, String callSite) {
        return log.sites.stream().filter(s -> callSite.equals(s.callSite)).findFirst()
                .orElseThrow(() -> new AssertionError("no call site " + callSite));
    }
}
