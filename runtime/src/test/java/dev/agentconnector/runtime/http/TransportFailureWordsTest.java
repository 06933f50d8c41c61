package dev.agentconnector.runtime.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class TransportFailureWordsTest {
    @Test
    void failuresAreDescribedInWordsNotClassNames() {
        assertThat(JdkHttpTransport.reason(new ConnectException())).isEqualTo("connection refused");
        assertThat(JdkHttpTransport.reason(new IOException(new ConnectException()))).isEqualTo("connection refused");
        assertThat(JdkHttpTransport.reason(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("connect timed out");
        assertThat(JdkHttpTransport.reason(new HttpTimeoutException("request timed out"))).isEqualTo("request timed out");
        assertThat(JdkHttpTransport.reason(new UnknownHostException("nowhere.invalid"))).isEqualTo("unknown host");
        assertThat(JdkHttpTransport.reason(new IOException("Connection reset"))).isEqualTo("Connection reset");
        assertThat(JdkHttpTransport.reason(new IOException())).isNull();
        assertThat(JdkHttpTransport.reason(new IOException("java.io.EOFException: EOF reached while reading")))
                .isNull();
        assertThat(JdkHttpTransport.reason(new IOException("jdk.internal.net.http.Foo.Bar failed"))).isNull();
    }
}
