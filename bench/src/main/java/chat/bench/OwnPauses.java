package chat.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This process's own garbage collections while it measures: a generator that stops to collect holds every
 * answer that arrives meanwhile, and measures that as the server's delivery time. Counted from the JVM's
 * notifications, so a run can say how much of its latency may be its own.
 */
final class OwnPauses implements AutoCloseable, NotificationListener {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long count;
    private long totalMillis;
    private long longestMillis;

    OwnPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        // G1 and Parallel report their pauses; a concurrent collector's cycles ("... Cycles") do not stop the program.
        if (info.getGcName().contains("Cycles")) {
            return;
        }
        long millis = info.getGcInfo().getDuration();
        synchronized (this) {
            count++;
            totalMillis += millis;
            longestMillis = Math.max(longestMillis, millis);
        }
    }

    /** What was seen so far, as words: "N pauses, T ms in all, the longest L ms". */
    synchronized String summary() {
        return String.format(Locale.ROOT, "%d garbage collection pause%s, %d ms in all, the longest %d ms", count,
                count == 1 ? "" : "s", totalMillis, longestMillis);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
