package dev.agentconnector.asana.sim.http;

import dev.agentconnector.asana.sim.render.Json;

import java.util.Random;

/** Builds Asana's error bodies: {@code {"errors":[{"message","help"[,"phrase"]}]}}. */
public final class ErrorReplies {
    /** The help text Asana puts in every error. */
    public static final String HELP = "For more information on API status codes and how to handle them, "
            + "read the docs on errors: https://developers.asana.com/docs/errors";
    /** Asana's rate-limit message. */
    public static final String RATE_LIMITED = "You've made too many requests and hit a rate limit. "
            + "Please retry after the given amount of time.";

    private static final String[] ADJECTIVES = {"sad", "happy", "sleepy", "brave", "quiet", "fuzzy", "shiny",
        "grumpy", "tiny", "swift", "clever", "gentle"};
    private static final String[] NOUNS = {"squid", "otter", "panda", "falcon", "badger", "koala", "walrus",
        "lemur", "heron", "bison", "gecko", "moose"};
    private static final String[] VERBS = {"snuggle", "dance", "wander", "giggle", "ponder", "leap", "whistle",
        "tumble", "juggle", "paddle", "sing", "nap"};
    private static final String[] ADVERBS = {"softly", "boldly", "quickly", "calmly", "oddly", "gladly",
        "loudly", "neatly", "slowly", "warmly", "wisely", "freely"};

    private final Random random;

    /** Creates a builder whose error phrases derive from the seed. */
    public ErrorReplies(long seed) {
        this.random = new Random(seed * 31 + 17);
    }

    /** A fresh phrase like {@code 6 sad squid snuggle softly}. */
    public synchronized String phrase() {
        return (2 + random.nextInt(30)) + " " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                + NOUNS[random.nextInt(NOUNS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                + ADVERBS[random.nextInt(ADVERBS.length)];
    }

    /** An error answer; 500s carry a phrase. */
    public Reply error(int status, String message) {
        String phrase = status == 500 ? phrase() : null;
        byte[] body = Json.renderCopy(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("errors");
            g.writeStartObject();
            g.writeStringField("message", message);
            g.writeStringField("help", HELP);
            if (phrase != null) {
                g.writeStringField("phrase", phrase);
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }, false);
        return new Reply(status, body, body.length, Reply.JSON);
    }

    /** A 429 answer with a Retry-After header. */
    public Reply rateLimited(long retryAfterSeconds) {
        return error(429, RATE_LIMITED).header("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** The default message for an injected failure with the given status. */
    public static String defaultMessage(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Not Authorized";
            case 402: return "This feature is only available to premium users.";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 429: return RATE_LIMITED;
            case 500: return "Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Error " + status;
        }
    }
}
