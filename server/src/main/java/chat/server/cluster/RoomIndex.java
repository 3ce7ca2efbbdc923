package chat.server.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This server's list of the chat's rooms, oldest first, so {@code list_rooms} is answered from its own memory:
 * filled once from the rooms map, then kept by the {@link RoomEvent}s of creations and removals (and by this
 * server's own). A reload ({@link #replaceAll}) repairs it after something may have been lost. Reads take an
 * immutable list built once per change.
 */
final class RoomIndex {
    private final Map<String, Long> orders = new HashMap<>();
    /** Rooms removed since a reload began: its answer, read before their removal, must not bring them back. */
    private final List<String> removedWhileLoading = new ArrayList<>();
    /** Rooms created since a reload began: its answer may have been read before them. */
    private final Map<String, Long> addedWhileLoading = new HashMap<>();
    private boolean loading;
    private volatile List<String> listed = List.of();

    /** Every room's name, oldest first. */
    List<String> rooms() {
        return listed;
    }

    synchronized void add(String room, long order) {
        if (loading) {
            addedWhileLoading.put(room, order);
        }
        if (orders.put(room, order) == null) {
            relist();
        }
    }

    synchronized void remove(String room) {
        if (loading) {
            removedWhileLoading.add(room);
            addedWhileLoading.remove(room);
        }
        if (orders.remove(room) != null) {
            relist();
        }
    }

    /** A reload is about to read the rooms map: removals from now on are remembered. */
    synchronized void reloading() {
        loading = true;
        removedWhileLoading.clear();
        addedWhileLoading.clear();
    }

    /** The rooms map as read since {@link #reloading()}: the list becomes it, less what was removed meanwhile. */
    synchronized void replaceAll(Map<String, Long> read) {
        Map<String, Long> fresh = new HashMap<>(read);
        removedWhileLoading.forEach(fresh::remove);
        fresh.putAll(addedWhileLoading);
        orders.clear();
        orders.putAll(fresh);
        loading = false;
        removedWhileLoading.clear();
        addedWhileLoading.clear();
        relist();
    }

    private void relist() {
        listed = orders.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .toList();
    }
}
