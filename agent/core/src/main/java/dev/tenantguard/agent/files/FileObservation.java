package dev.tenantguard.agent.files;

import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.ThreadState;

/**
 * What a file operation allowed as a tenant tells about the service's folders: a path with a
 * segment equal to the tenant in context ({@code /srv/data/tenants/acme/notes/1.txt} as
 * {@code acme}) is evidence of a folder per tenant under {@code /srv/data/tenants}. The first such
 * segment counts; a tenant that only appears inside a file name ({@code notes-acme.csv}) is not a
 * folder and is left to the user.
 */
final class FileObservation {
    private FileObservation() {
    }

    static void record(Observations observations, String absolute, int op, ThreadState state) {
        String tenant = state.tenant();
        if (tenant == null || state.privileged()) {
            return;
        }
        int at = segment(absolute, tenant);
        if (at > 0) {
            observations.file(absolute.substring(0, at), tenant, FileOp.name(op), absolute);
        }
    }

    /** Where the first segment equal to {@code tenant} starts its slash, or -1. */
    static int segment(String path, String tenant) {
        int from = 0;
        while (true) {
            int at = path.indexOf(tenant, from);
            if (at < 0) {
                return -1;
            }
            int end = at + tenant.length();
            if (at > 0 && path.charAt(at - 1) == '/' && (end == path.length() || path.charAt(end) == '/')) {
                return at - 1;
            }
            from = at + 1;
        }
    }
}
