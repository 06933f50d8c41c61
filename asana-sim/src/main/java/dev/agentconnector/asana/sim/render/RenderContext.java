package dev.agentconnector.asana.sim.render;

import dev.agentconnector.asana.sim.model.Attachment;

import java.util.function.Function;

/** Per-request facts a record writer may need: the public origin of the server and how to mint download URLs. */
public final class RenderContext {
    private final String origin;
    private final Function<Attachment, String> downloadUrls;

    /** Creates a context for the given origin (scheme://host:port) and download-URL minter. */
    public RenderContext(String origin, Function<Attachment, String> downloadUrls) {
        this.origin = origin;
        this.downloadUrls = downloadUrls;
    }

    /** The server origin, e.g. {@code http://127.0.0.1:8089}. */
    public String origin() {
        return origin;
    }

    /** A fresh, short-lived download URL for the attachment. */
    public String downloadUrl(Attachment a) {
        return downloadUrls.apply(a);
    }
}
