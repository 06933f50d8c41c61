package dev.agentconnector.server.crypto;

import dev.agentconnector.server.db.OwnerOnly;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The server's 32-byte master key, from which the credential-encryption key and the token-signing key are derived.
 * It comes from the configuration, else {@code ASANA_AGENT_MASTER_KEY}, else a key file in the data directory that
 * is created (owner-only) on first use.
 */
public final class MasterKey {
    /** Environment variable holding the base64 key. */
    public static final String ENV = "ASANA_AGENT_MASTER_KEY";
    /** Key length in bytes. */
    public static final int LENGTH = 32;
    /** Name of the generated key file in the data directory. */
    public static final String FILE = "master.key";

    private static final System.Logger LOG = System.getLogger(MasterKey.class.getName());

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key.clone();
    }

    /** A key from raw bytes (exactly 32). */
    public static MasterKey of(byte[] key) {
        if (key == null || key.length != LENGTH) {
            throw new IllegalArgumentException("the master key must be " + LENGTH + " bytes");
        }
        return new MasterKey(key);
    }

    /** Configured bytes, else the environment variable, else the key file in {@code dataDir} (created when absent). */
    public static MasterKey resolve(byte[] configured, Map<String, String> env, Path dataDir) {
        if (configured != null) {
            return of(configured);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(decode(fromEnv, ENV));
        }
        return of(loadOrCreate(dataDir.resolve(FILE)));
    }

    /** Decodes a base64 key, naming {@code source} (never the value) when it is malformed. */
    public static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64; generate a key with "
                    + "`openssl rand -base64 32`");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(source + " must hold " + LENGTH + " bytes (base64), got "
                    + bytes.length + "; generate a key with `openssl rand -base64 32`");
        }
        return bytes;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                OwnerOnly.createDirectories(parent);
            }
            byte[] fresh = Randoms.bytes(LENGTH);
            Path tmp = file.resolveSibling(FILE + "." + Randoms.hex(8) + ".tmp");
            OwnerOnly.createFile(tmp);
            try {
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(file, tmp); // fails if another process created the key first
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                } catch (UnsupportedOperationException | IOException noLinks) {
                    if (Files.exists(file)) {
                        return read(file);
                    }
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.log(System.Logger.Level.INFO, "created a new master key file " + file.toAbsolutePath()
                    + "; back it up: stored credentials cannot be decrypted without it");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        warnIfShared(file);
        return decode(Files.readString(file, StandardCharsets.US_ASCII), "the master key file " + file.toAbsolutePath());
    }

    private static void warnIfShared(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(System.Logger.Level.WARNING, "the master key file " + file.toAbsolutePath()
                        + " is readable by other users; run: chmod 600 " + file.toAbsolutePath());
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to check
        }
    }

    /** A 32-byte subkey for one purpose: HMAC-SHA256 of the label under the master key. */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}
