package dev.agentconnector.integrations.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentconnector.runtime.exec.Download;
import dev.agentconnector.runtime.exec.ExecutionResult;
import dev.agentconnector.runtime.spec.OperationSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A download action's result as a model can take it: the file's metadata plus its content (text as is, anything
 * else in base64) when it fits the result budget, or a message saying how to fetch it in byte ranges.
 */
final class FileResults {
    /** Room kept for the content's key and quoting. */
    private static final int OVERHEAD = 100;

    private FileResults() {
    }

    static ObjectNode inline(OperationSpec op, ExecutionResult result, ResultBudget budget, int maxChars) {
        ObjectNode envelope = result.toJson();
        try (Download d = result.download().orElseThrow()) {
            boolean text = isText(d.contentType());
            int room = Math.max(0, maxChars - budget.write(envelope).length() - OVERHEAD);
            int maxBytes = text ? room : room / 4 * 3;
            if (d.contentLength() > maxBytes) {
                return tooLarge(op, d.contentLength(), maxBytes);
            }
            byte[] bytes = d.stream().readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                return tooLarge(op, -1, maxBytes);
            }
            ObjectNode data = envelope.get("data") instanceof ObjectNode o ? o : envelope.putObject("data");
            data.put("bytes", bytes.length);
            if (text) {
                data.put("content_text", new String(bytes, StandardCharsets.UTF_8));
            } else {
                data.put("content_base64", Base64.getEncoder().encodeToString(bytes));
            }
            return envelope;
        } catch (IOException e) {
            return Envelopes.failure("transport_error", op.qualifiedName() + ": reading the file failed: "
                    + e.getMessage());
        }
    }

    private static ObjectNode tooLarge(OperationSpec op, long size, int maxBytes) {
        return Envelopes.failure("result_too_large", op.qualifiedName() + ": the file"
                + (size >= 0 ? " (" + size + " bytes)" : "") + " is larger than one tool result holds (" + maxBytes
                + " bytes); fetch it in parts with range_header, e.g. \"bytes=0-" + Math.max(0, maxBytes - 1) + "\"");
    }

    private static boolean isText(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml");
    }
}
