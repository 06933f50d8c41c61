package dev.agentconnector.asana.sim.files;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.agentconnector.asana.sim.http.HttpIo;
import dev.agentconnector.asana.sim.http.QueryString;
import dev.agentconnector.asana.sim.model.Attachment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * Serves attachment bytes at signed, expiring URLs like a storage bucket would: no Authorization header is read,
 * byte ranges are honoured and content is streamed with constant memory.
 */
public final class FileEndpoint implements HttpHandler {
    private static final String PREFIX = "/__files/";

    private final UrlSigner signer;
    private final Function<String, Attachment> attachments;
    private final dev.agentconnector.asana.sim.http.StatsRecorder stats;

    /** Creates the endpoint; {@code attachments} finds a live attachment by gid (or returns null). */
    public FileEndpoint(UrlSigner signer, Function<String, Attachment> attachments,
                        dev.agentconnector.asana.sim.http.StatsRecorder stats) {
        this.signer = signer;
        this.attachments = attachments;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        // the header is never checked, only counted, so tests can prove clients do not send credentials here
        stats.fileRequest(ex.getRequestHeaders().containsKey("Authorization"));
        try {
            serve(ex);
        } catch (IOException | RuntimeException e) {
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpIo.send(ex, HttpIo.text(405, "Method Not Allowed"));
            return;
        }
        String path = ex.getRequestURI().getPath();
        String gid = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        QueryString q = QueryString.parse(ex.getRequestURI().getRawQuery());
        long exp;
        try {
            exp = Long.parseLong(q.get("exp") == null ? "" : q.get("exp"));
        } catch (NumberFormatException e) {
            HttpIo.send(ex, HttpIo.text(403, "AccessDenied: Request is not signed"));
            return;
        }
        if (!signer.verify(gid, exp, q.get("n"), q.get("sig"))) {
            HttpIo.send(ex, HttpIo.text(403, "AccessDenied: The request signature does not match"));
            return;
        }
        if (exp < System.currentTimeMillis() / 1000) {
            HttpIo.send(ex, HttpIo.text(403, "AccessDenied: Request has expired"));
            return;
        }
        Attachment a = attachments.apply(gid);
        if (a == null) {
            HttpIo.send(ex, HttpIo.text(404, "NoSuchKey: The specified key does not exist"));
            return;
        }
        long size = a.size();
        ByteRange range = ByteRange.parse(ex.getRequestHeaders().getFirst("Range"), size);
        Headers h = ex.getResponseHeaders();
        h.set("Accept-Ranges", "bytes");
        if (range == ByteRange.UNSATISFIABLE) {
            h.set("Content-Range", "bytes */" + size);
            HttpIo.send(ex, HttpIo.text(416, "InvalidRange: The requested range is not satisfiable"));
            return;
        }
        h.set("Content-Type", a.contentType);
        h.set("Content-Disposition", "attachment; filename=\"" + a.name.replace("\"", "") + "\"");
        h.set("Cache-Control", "private, max-age=0");
        long from = range == null ? 0 : range.first;
        long to = range == null ? size : range.last + 1;
        int status = range == null ? 200 : 206;
        if (range != null) {
            h.set("Content-Range", "bytes " + range.first + "-" + range.last + "/" + size);
        }
        boolean head = method.equals("HEAD");
        if (head) {
            h.set("Content-Length", Long.toString(to - from));
        }
        ex.sendResponseHeaders(status, head || to == from ? -1 : to - from);
        if (!head && to > from) {
            try (OutputStream out = ex.getResponseBody()) {
                a.content.write(out, from, to);
            }
        }
        ex.close();
    }
}
