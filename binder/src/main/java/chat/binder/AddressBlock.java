package chat.binder;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IP addresses, written as one address or in CIDR notation: {@code 10.1.0.0/16},
 * {@code 203.0.113.9}, {@code ::1}, {@code fd00::/8}. Only numeric addresses: a host name would need a
 * DNS lookup, whose answer an attacker may control.
 *
 * @param network      the block's first address
 * @param prefixLength how many leading bits every address in the block shares with {@code network}
 */
public record AddressBlock(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");
    /** IPv4 addresses carried in IPv6, {@code ::ffff:a.b.c.d}, start with these 12 bytes. */
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * Checks the prefix length against the address's size.
     *
     * @param network      the block's first address
     * @param prefixLength how many leading bits every address in the block shares with {@code network}
     * @throws IllegalArgumentException for a prefix longer than the address, or negative
     */
    public AddressBlock {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("the prefix length of " + network.getHostAddress()
                    + " must be between 0 and " + bits + ", got " + prefixLength);
        }
        if (network instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            throw new IllegalArgumentException("an address with a scope (%) cannot be a block: " + network);
        }
        if (!Arrays.equals(network.getAddress(), masked(network.getAddress(), prefixLength))) {
            throw new IllegalArgumentException(format(network) + "/" + prefixLength
                    + " has bits set after its first " + prefixLength + "; did you mean "
                    + format(networkOf(network, prefixLength)) + "/" + prefixLength + "?");
        }
    }

    /**
     * Reads an address or a CIDR block. An IPv4 address written in IPv6 ({@code ::ffff:10.0.0.0/104}) is
     * the IPv4 block it names ({@code 10.0.0.0/8}), since that is how a caller's address arrives.
     *
     * @param text a numeric address, with or without {@code /prefix}
     * @return the block
     * @throws IllegalArgumentException what is wrong with {@code text}, in words for the command line
     */
    public static AddressBlock parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = literal(address, text);
        boolean writtenAsIpv6 = address.contains(":");
        int writtenBits = writtenAsIpv6 ? 128 : 32;
        int prefix = writtenBits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!PREFIX.matcher(digits).matches() || Integer.parseInt(digits) > writtenBits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length after / must be a number from 0 to "
                        + writtenBits);
            }
            prefix = Integer.parseInt(digits);
        }
        if (writtenAsIpv6 && network instanceof Inet4Address) {
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + text + "': an IPv4 address written in IPv6 needs a prefix"
                        + " length of at least 96; write the IPv4 block instead");
            }
            prefix -= 96;
        }
        return new AddressBlock(network, prefix);
    }

    private static InetAddress literal(String address, String text) {
        Matcher v4 = IPV4.matcher(address);
        boolean ipv4 = v4.matches();
        if (ipv4) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    ipv4 = false;
                }
            }
        }
        boolean ipv6 = !ipv4 && address.contains(":") && IPV6.matcher(address).matches();
        if (ipv4 || ipv6) {
            try {
                // A numeric literal: InetAddress parses it without any lookup.
                return InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block such as 10.1.0.0/16,"
                + " 203.0.113.9 or ::1 (host names are not accepted)");
    }

    /**
     * Whether {@code address} is in this block. An IPv4 address written in IPv6 counts as the IPv4 address.
     *
     * @param address a caller's address; null for an unknown one
     * @return false also for null
     */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = plain(address.getAddress());
        return bytes.length == network.getAddress().length
                && Arrays.equals(masked(bytes, prefixLength), network.getAddress());
    }

    /** {@code 10.1.0.0/16}, or the address alone for a block of one: {@code ::1}, {@code 203.0.113.9}. */
    @Override
    public String toString() {
        return prefixLength == network.getAddress().length * 8 ? format(network) : format(network) + "/" + prefixLength;
    }

    private static byte[] plain(byte[] bytes) {
        if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, IPV4_MAPPED_PREFIX, 0, 12)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static byte[] masked(byte[] bytes, int prefixLength) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static InetAddress networkOf(InetAddress address, int prefixLength) {
        try {
            return InetAddress.getByAddress(masked(address.getAddress(), prefixLength));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.getAddress().length + " bytes", e);
        }
    }

    /** The address in its shortest usual form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
