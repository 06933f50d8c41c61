package dev.agentconnector.asana.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentconnector.asana.sim.http.ApiException;
import dev.agentconnector.asana.sim.http.ApiRequest;
import dev.agentconnector.asana.sim.http.QueryString;
import dev.agentconnector.asana.sim.render.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Asana-style offset pagination: {@code limit} 1..100 and opaque, signed {@code offset} tokens bound to the query
 * they were issued for.
 */
public final class Pagination {
    /** Largest result returned without pagination. */
    public static final int MAX_UNPAGED = 1000;
    private static final String INVALID = "offset: Your pagination token is invalid";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ThreadLocal<Mac> macs;

    /** Creates a paginator whose signing key derives from the seed. */
    public Pagination(long seed) {
        SecretKeySpec key = new SecretKeySpec(("asana-sim-offsets-" + seed).getBytes(StandardCharsets.UTF_8),
                "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One page of results and, when {@code limit} was given, the link to the next one. */
    public static final class Page<T> {
        /** Items of this page. */
        public final List<T> items;
        /** Whether a limit was given (then {@code next_page} is written, possibly null). */
        public final boolean limited;
        /** Next-page offset token, or null on the last page. */
        public final String nextOffset;
        /** Next-page path relative to /api/1.0, or null. */
        public final String nextPath;
        /** Next-page absolute URI, or null. */
        public final String nextUri;

        Page(List<T> items, boolean limited, String nextOffset, String nextPath, String nextUri) {
            this.items = items;
            this.limited = limited;
            this.nextOffset = nextOffset;
            this.nextPath = nextPath;
            this.nextUri = nextUri;
        }
    }

    /** Parses {@code limit}: null when absent, else 1..100 (400 otherwise). */
    public static Integer limit(ApiRequest r) {
        String v = r.query("limit");
        if (v == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: Value must be between 1 and 100");
        }
        if (n < 1 || n > 100) {
            throw ApiException.badRequest("limit: Value must be between 1 and 100");
        }
        return n;
    }

    /** Cuts one page out of the complete, stably ordered result list. */
    public <T> Page<T> page(ApiRequest r, List<T> all, Function<T, String> gidOf) {
        return page(r, all, null, gidOf);
    }

    /**
     * Cuts one page out of the items of {@code all} that pass {@code keep} (every item when {@code keep} is null),
     * in the order of {@code all}, which should be a random-access list or view. Only the items from the offset to
     * just past the page are read, so a page costs O(limit) (plus the items the filter skips), however long the
     * list: offsets record positions in {@code all}, not in the filtered result.
     */
    public <T> Page<T> page(ApiRequest r, List<T> all, Predicate<? super T> keep, Function<T, String> gidOf) {
        Integer limit = limit(r);
        String binding = binding(r);
        int start = 0;
        String offset = r.query("offset");
        if (offset != null && !offset.isEmpty()) {
            start = decode(offset, binding, all, gidOf);
        }
        int size = all.size();
        if (limit == null) {
            List<T> rest = new ArrayList<>();
            for (int i = start; i < size; i++) {
                T item = all.get(i);
                if (keep == null || keep.test(item)) {
                    if (rest.size() == MAX_UNPAGED) {
                        throw ApiException.badRequest("The result is too large. You should use pagination!");
                    }
                    rest.add(item);
                }
            }
            return new Page<>(rest, false, null, null, null);
        }
        List<T> items = new ArrayList<>(Math.min(limit, Math.max(0, size - start)));
        int end = start; // index in all just past the last item served
        while (end < size && items.size() < limit) {
            T item = all.get(end++);
            if (keep == null || keep.test(item)) {
                items.add(item);
            }
        }
        boolean more = false;
        for (int i = end; i < size && !more; i++) {
            more = keep == null || keep.test(all.get(i));
        }
        if (!more) {
            return new Page<>(items, true, null, null, null);
        }
        String token = encode(end, gidOf.apply(items.get(items.size() - 1)), binding);
        String path = nextPath(r, token);
        return new Page<>(items, true, token, path, r.origin() + "/api/1.0" + path);
    }

    private static String nextPath(ApiRequest r, String token) {
        StringBuilder sb = new StringBuilder(r.path()).append('?');
        boolean first = true;
        for (String[] p : r.query().pairs()) {
            if (p[0].equals("offset")) {
                continue;
            }
            if (!first) {
                sb.append('&');
            }
            first = false;
            sb.append(QueryString.encode(p[0])).append('=').append(QueryString.encode(p[1]));
        }
        if (!first) {
            sb.append('&');
        }
        return sb.append("offset=").append(token).toString();
    }

    /** The query identity an offset is bound to: path plus filter parameters. */
    private static String binding(ApiRequest r) {
        List<String> parts = new ArrayList<>();
        for (String[] p : r.query().pairs()) {
            String k = p[0];
            if (!k.equals("limit") && !k.equals("offset") && !k.equals("opt_fields") && !k.equals("opt_pretty")) {
                parts.add(k + "=" + p[1]);
            }
        }
        parts.sort(null);
        return r.path() + "?" + String.join("&", parts);
    }

    private String encode(int position, String lastGid, String binding) {
        String payload = "{\"v\":1,\"p\":" + position + ",\"g\":\"" + lastGid + "\",\"b\":\"" + shortHash(binding)
                + "\"}";
        byte[] pb = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(pb) + "." + B64.encodeToString(sig(pb));
    }

    private <T> int decode(String token, String binding, List<T> all, Function<T, String> gidOf) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw ApiException.badRequest(INVALID);
        }
        byte[] payload;
        byte[] given;
        try {
            payload = B64D.decode(token.substring(0, dot));
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID);
        }
        if (!MessageDigest.isEqual(sig(payload), given)) {
            throw ApiException.badRequest(INVALID);
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw ApiException.badRequest(INVALID);
        }
        if (n == null || !shortHash(binding).equals(n.path("b").asText())) {
            throw ApiException.badRequest(INVALID);
        }
        int position = n.path("p").asInt(-1);
        if (position < 0) {
            throw ApiException.badRequest(INVALID);
        }
        String lastGid = n.path("g").asText();
        // Resume right after the last item served, even if earlier items were added or removed meanwhile.
        int hint = Math.min(position, all.size()) - 1;
        for (int i = Math.max(0, hint - 2); i < Math.min(all.size(), hint + 3); i++) {
            if (gidOf.apply(all.get(i)).equals(lastGid)) {
                return i + 1;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (gidOf.apply(all.get(i)).equals(lastGid)) {
                return i + 1;
            }
        }
        return Math.min(position, all.size());
    }

    private byte[] sig(byte[] payload) {
        byte[] full = macs.get().doFinal(payload);
        byte[] out = new byte[12];
        System.arraycopy(full, 0, out, 0, out.length);
        return out;
    }

    private String shortHash(String s) {
        byte[] full = macs.get().doFinal(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            sb.append(Character.forDigit((full[i] >> 4) & 0xf, 16)).append(Character.forDigit(full[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
