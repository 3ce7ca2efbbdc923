/**
 * Every chat procedure declared once: {@link chat.common.catalogue.ChatCatalogue} holds each
 * {@link chat.common.catalogue.ChatProcedure} with its name, arguments, the user it acts as, whether servers
 * register it with the Binder, its request record (from {@link chat.common.catalogue.Requests}) and its
 * {@link chat.common.catalogue.Answer}. A chat server's procedure table and a client's calls are both made from
 * it, so the two cannot disagree.
 */
package chat.common.catalogue;
