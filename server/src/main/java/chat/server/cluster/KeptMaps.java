package chat.server.cluster;

import chat.server.persist.ChatDatabase;
import chat.server.store.ChatImage;
import chat.server.store.Registration;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.map.MapLoader;
import com.hazelcast.map.MapStore;
import com.hazelcast.map.MapStoreFactory;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared chat kept in a database: the rooms and names maps write every change through to it on the member
 * that owns the entry, before the change is acknowledged, and a cluster starting with empty maps loads them
 * from it. Hazelcast runs the load once per cluster (the maps' initial load is eager: the member owning the
 * map's name collects the keys and each partition's owner loads its own), however many servers start at once.
 *
 * <p>A room's write is incremental: {@link RoomState} remembers what this member saved, so a post writes its
 * one message, not the room. A name is written when registered or freed; its last-seen time, changed by every
 * call, is never written (presence starts afresh after a restart). The user and room counts are not kept but
 * counted from the database when the cluster first needs them. A key missing from a map is not looked up in
 * the database: after the initial load the maps hold everything the database does, so reads never touch it.
 */
public final class KeptMaps implements MapStoreFactory<Object, Object>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeptMaps.class);
    /** The maps (after the namespace's dot) a starting cluster loads from the database before it serves. */
    static final List<String> LOADED_FIRST = List.of("rooms", "users");
    private final Function<String, ChatDatabase> open;
    private final int historyLimit;
    private final Supplier<Instant> clock;
    private final Map<String, ChatDatabase> databases = new ConcurrentHashMap<>();
    private final Map<String, ReadAhead> readAheads = new ConcurrentHashMap<>();

    /**
     * @param open         opens the database of the chat whose maps have the given namespace (one per member)
     * @param historyLimit how many messages each room keeps
     * @param clock        when a restarted chat's names count as last seen
     */
    public KeptMaps(Function<String, ChatDatabase> open, int historyLimit, Supplier<Instant> clock) {
        this.open = open;
        this.historyLimit = historyLimit;
        this.clock = clock;
    }

    /**
     * Has the chat's rooms, names and counts kept by these stores.
     *
     * @param config a member's configuration, before the member starts
     */
    public void configure(Config config) {
        // Not offloaded: a write is one short local transaction, cheaper on the partition's thread than the hand-over
        // to another executor and back that Hazelcast makes for every operation on an offloaded map (reads too).
        for (String map : LOADED_FIRST) {
            config.getMapConfig("*." + map).setMapStoreConfig(new MapStoreConfig().setEnabled(true)
                    .setFactoryImplementation(this).setWriteDelaySeconds(0).setOffload(false)
                    .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER));
        }
        config.getMapConfig("*.quotas").setMapStoreConfig(new MapStoreConfig().setEnabled(true)
                .setFactoryImplementation(this).setOffload(false)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY));
    }

    /**
     * Starts reading the rooms of the chat whose maps have {@code namespace}, beside the member's start, for the
     * initial load that follows when this member starts the cluster: the load takes a room's messages from what
     * was read ahead when the room has not changed since (see {@link ChatDatabase#rooms(Collection, Map)}), and
     * reads the rooms not read yet itself. Reading a million messages takes seconds, which the member's start, and
     * then the load's putting of the rooms read in the maps, hide.
     *
     * @param namespace the namespace of the chat's maps
     */
    public void readAhead(String namespace) {
        readAheads.computeIfAbsent(namespace, ns -> new ReadAhead(databases.computeIfAbsent(ns, open), ns));
    }

    /** Stops reading ahead, and forgets what was read: the member's maps are loaded, or were by another member. */
    public void readAheadDone() {
        readAheads.values().forEach(ReadAhead::stop);
        readAheads.clear();
    }

    @Override
    @SuppressWarnings("unchecked") // each map's store is of its map's key and value types
    public MapLoader<Object, Object> newMapStore(String mapName, Properties properties) {
        int dot = mapName.lastIndexOf('.');
        String namespace = mapName.substring(0, dot);
        ChatDatabase database = databases.computeIfAbsent(namespace, open);
        return (MapLoader<Object, Object>) (MapLoader<?, ?>) switch (mapName.substring(dot + 1)) {
            case "rooms" -> new Rooms(database, historyLimit, names -> {
                ReadAhead readAhead = readAheads.get(namespace);
                return readAhead == null ? Map.of() : readAhead.take(names);
            });
            case "users" -> new Users(database, clock);
            case "quotas" -> new Quotas(database);
            default -> throw new IllegalArgumentException("no store for the map " + mapName);
        };
    }

    /** Closes the databases; the members using them must be stopped first. */
    @Override
    public void close() {
        readAheadDone();
        databases.values().forEach(ChatDatabase::close);
        databases.clear();
    }

    /** The rooms map's store: each change of a room written as what changed since this member's last save. */
    static final class Rooms implements MapStore<String, RoomState> {
        private final ChatDatabase database;
        private final int historyLimit;
        private final Function<Collection<String>, Map<String, ChatImage.Room>> readAhead;

        Rooms(ChatDatabase database, int historyLimit,
              Function<Collection<String>, Map<String, ChatImage.Room>> readAhead) {
            this.database = database;
            this.historyLimit = historyLimit;
            this.readAhead = readAhead;
        }

        @Override
        public void store(String name, RoomState room) {
            var save = room.unsaved(name);
            if (!save.isEmpty()) {
                database.save(save);
                room.saved(save);
            }
        }

        @Override
        public void storeAll(Map<String, RoomState> rooms) {
            rooms.forEach(this::store);
        }

        @Override
        public void delete(String name) {
            database.roomRemoved(name);
        }

        @Override
        public void deleteAll(Collection<String> names) {
            names.forEach(this::delete);
        }

        /** Never read from the database one by one: after the initial load, a room not in the map does not exist. */
        @Override
        public RoomState load(String name) {
            return null;
        }

        @Override
        public Map<String, RoomState> loadAll(Collection<String> names) {
            Map<String, RoomState> loaded = new HashMap<>();
            for (ChatImage.Room room : database.rooms(names, readAhead.apply(names))) {
                loaded.put(room.name(), RoomState.restored(room, historyLimit));
            }
            return loaded;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return database.roomNames();
        }
    }

    /**
     * The rooms of a chat read one by one on a thread of their own, until all are read or the reading is stopped,
     * each room given once to the load that asks for it; a room the load asked for before it was read is the
     * load's to read, and is skipped here.
     */
    private static final class ReadAhead {
        private final Map<String, ChatImage.Room> read = new ConcurrentHashMap<>();
        private final Set<String> asked = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;

        ReadAhead(ChatDatabase database, String namespace) {
            Thread thread = new Thread(() -> {
                try {
                    for (String name : database.roomNames()) {
                        if (stopped) {
                            break;
                        }
                        if (!asked.contains(name)) {
                            database.rooms(List.of(name)).forEach(room -> read.put(room.name(), room));
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.debug("stopped reading the rooms ahead; the load reads the rest", e);
                }
            }, "chat-read-ahead-" + namespace);
            thread.setDaemon(true);
            thread.start();
        }

        /** {@return those of the rooms {@code names} read so far, by name, each taken from here} */
        Map<String, ChatImage.Room> take(Collection<String> names) {
            asked.addAll(names);
            Map<String, ChatImage.Room> taken = new HashMap<>();
            for (String name : names) {
                ChatImage.Room room = read.remove(name);
                if (room != null) {
                    taken.put(name, room);
                }
            }
            return taken;
        }

        void stop() {
            stopped = true;
            read.clear();
        }
    }

    /** The names map's store: a name written when registered (or its session changed) and when freed. */
    static final class Users implements MapStore<String, Registration> {
        private static final String NO_SESSION = "";
        private final ChatDatabase database;
        private final Supplier<Instant> clock;
        /** The session hash saved of each name this member wrote or loaded ({@link #NO_SESSION} for none). */
        private final Map<String, String> saved = new ConcurrentHashMap<>();

        Users(ChatDatabase database, Supplier<Instant> clock) {
            this.database = database;
            this.clock = clock;
        }

        @Override
        public void store(String name, Registration registration) {
            String session = Objects.requireNonNullElse(registration.sessionHash(), NO_SESSION);
            if (!session.equals(saved.get(name))) {
                database.userAdded(name, registration.sessionHash(), registration.lastSeen());
                saved.put(name, session);
            }
        }

        @Override
        public void storeAll(Map<String, Registration> registrations) {
            registrations.forEach(this::store);
        }

        @Override
        public void delete(String name) {
            database.userRemoved(name);
            saved.remove(name);
        }

        @Override
        public void deleteAll(Collection<String> names) {
            names.forEach(this::delete);
        }

        @Override
        public Registration load(String name) {
            return null;
        }

        @Override
        public Map<String, Registration> loadAll(Collection<String> names) {
            Instant now = clock.get();
            Map<String, Registration> loaded = new HashMap<>();
            database.sessions(names).forEach((name, session) -> {
                loaded.put(name, new Registration(now, session));
                saved.put(name, Objects.requireNonNullElse(session, NO_SESSION));
            });
            return loaded;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return database.userNames();
        }
    }

    /** The counts: never written, counted from the database when a restarted cluster first takes or gives a place. */
    static final class Quotas implements MapLoader<String, Quota> {
        private final ChatDatabase database;

        Quotas(ChatDatabase database) {
            this.database = database;
        }

        @Override
        public Quota load(String key) {
            if (HazelcastChatStore.USERS_QUOTA.equals(key)) {
                long users = database.userCount();
                return users == 0 ? null : new Quota(users, users);
            }
            if (HazelcastChatStore.ROOMS_QUOTA.equals(key)) {
                long[] rooms = database.roomCountAndLastOrder();
                return rooms[1] == 0 ? null : new Quota(rooms[0], rooms[1]);
            }
            return null;
        }

        @Override
        public Map<String, Quota> loadAll(Collection<String> keys) {
            Map<String, Quota> loaded = new HashMap<>();
            for (String key : keys) {
                Quota quota = load(key);
                if (quota != null) {
                    loaded.put(key, quota);
                }
            }
            return loaded;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return List.of();
        }
    }
}
