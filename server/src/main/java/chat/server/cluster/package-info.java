/**
 * The clustered store: every chat server of one Binder shares one chat through an embedded Hazelcast member
 * ({@link chat.server.cluster.ClusterMember}, configured by {@link chat.server.cluster.MemberConfig}), the members
 * finding each other through the Binder ({@link chat.server.cluster.BinderDiscovery}).
 * {@link chat.server.cluster.HazelcastChatStore} is its {@link chat.server.store.ChatStore}. The other public types
 * are values the members exchange and keep, each written by {@link chat.server.cluster.ChatSerialization}, never
 * by Java serialization.
 */
package chat.server.cluster;
