package io.parley.command.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads each request body up front, up to {@code parley.http.max-request-bytes}: a larger one is a 413, whether its
 * size was declared ({@code Content-Length}) or only found while reading (chunked), and a JSON body that is not valid
 * UTF-8 is a 400. The bytes are kept, so the Idempotency-Key check can compare a repeated request with the first one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";
    private static final byte[] NO_BODY = new byte[0];

    private final long maxBytes;
    private final ObjectMapper json;

    public RequestBodyFilter(@Value("${parley.http.max-request-bytes:65536}") long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    /** The body as it arrived; empty when there was none. */
    public static byte[] bodyOf(HttpServletRequest request) {
        byte[] body = (byte[]) request.getAttribute(BODY);
        return body == null ? NO_BODY : body;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        long declared = request.getContentLengthLong();
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            tooLarge(request, response, "declares " + declared + " bytes");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response, "has more than " + maxBytes + " bytes");
            return;
        }
        int invalid = isUtf8Json(request) ? firstInvalidUtf8(body) : -1;
        if (invalid >= 0) {
            Problems.write(response, Problems.create(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON,
                    "the request body is not valid UTF-8: byte " + invalid + " does not belong to a UTF-8 sequence "
                            + "(JSON is UTF-8)", request), json);
            return;
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /**
     * A JSON body sent without a charset, or with UTF-8, must be UTF-8. The JSON parser lets some invalid sequences
     * through (overlong forms, code points past U+10FFFF), which would reach the rules and the event store as other
     * characters than the client sent; a strict decoder refuses them all.
     */
    private static boolean isUtf8Json(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return false;
        }
        String encoding = request.getCharacterEncoding();
        try {
            return encoding == null || Charset.forName(encoding).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknownCharset) {
            return false;
        }
    }

    /** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when there is none. */
    static int firstInvalidUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // UTF-8 never decodes to more chars than it has bytes.
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        return result.isError() ? in.position() : -1;
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
        Problems.write(response, Problems.create(HttpStatus.PAYLOAD_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                "the request body " + what + "; at most " + maxBytes + " are accepted", request), json);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
