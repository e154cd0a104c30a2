package dev.tenantguard.agent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a reported stack, at most the configured depth. A stack whose call site lies within
 * that depth is shown from its innermost frame. One whose call site lies deeper (a query that Spring
 * Data, Hibernate and the pool ran for a service: 40 frames and more) would show only library frames;
 * it is shown as the innermost frame (the guarded call), the frame the application called (the
 * repository method, {@code JdbcTemplate.update}), the call site, and the application's frames that
 * called it (the service, the controller), each run of library and JDK frames left out replaced by one
 * line that counts them ({@code ... 27 frames ...}). Built only on the violation path.
 */
final class ShownFrames {
    private ShownFrames() {
    }

    static List<String> pick(List<StackWalker.StackFrame> all, int callSiteIndex, int depth) {
        int shown = Math.min(depth, all.size());
        List<String> frames = new ArrayList<>(shown);
        if (callSiteIndex < depth || depth < 4) {
            for (int i = 0; i < shown; i++) {
                frames.add(CallStack.format(all.get(i)));
            }
            return frames;
        }
        frames.add(CallStack.format(all.get(0)));
        int entry = callSiteIndex - 1; // what the application called
        if (entry > 1) {
            frames.add(skipped(entry - 1));
        }
        frames.add(CallStack.format(all.get(entry)));
        frames.add(CallStack.format(all.get(callSiteIndex)));
        int left = 0;
        for (int i = callSiteIndex + 1; i < all.size() && frames.size() < depth; i++) {
            if (CallStack.isLibraryOrJdk(all.get(i))) {
                left++;
                continue;
            }
            if (left > 0) {
                frames.add(skipped(left));
                left = 0;
                if (frames.size() == depth) {
                    break;
                }
            }
            frames.add(CallStack.format(all.get(i)));
        }
        if (left > 0 && frames.size() < depth) {
            frames.add(skipped(left));
        }
        return frames;
    }

    private static String skipped(int count) {
        return "... " + count + (count == 1 ? " frame ..." : " frames ...");
    }
}
