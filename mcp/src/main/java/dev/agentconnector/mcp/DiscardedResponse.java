package dev.agentconnector.mcp;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;

/** A response that goes nowhere, for calls of the transport made by the server itself. */
final class DiscardedResponse {
    /** An output stream that drops what is written to it. */
    static final ServletOutputStream NOWHERE = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
        }
    };

    private DiscardedResponse() {
    }

    static HttpServletResponse create() {
        int[] status = {200};
        return (HttpServletResponse) Proxy.newProxyInstance(DiscardedResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus", "sendError" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status[0];
                    case "getWriter" -> new PrintWriter(Writer.nullWriter());
                    case "getOutputStream" -> NOWHERE;
                    case "isCommitted", "containsHeader" -> false;
                    case "getHeaderNames", "getHeaders" -> List.of();
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getLocale" -> Locale.ROOT;
                    case "getBufferSize" -> 0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "DiscardedResponse";
                    default -> null;
                });
    }
}
