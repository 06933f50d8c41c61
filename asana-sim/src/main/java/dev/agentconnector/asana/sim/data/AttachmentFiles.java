package dev.agentconnector.asana.sim.data;

import dev.agentconnector.asana.sim.model.BytesContent;
import dev.agentconnector.asana.sim.model.Content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Small deterministic file contents for generated attachments. */
final class AttachmentFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private AttachmentFiles() {
    }

    /** A plain-text file of a few hundred bytes. */
    static Content text(Random r, String title) {
        StringBuilder sb = new StringBuilder(title).append("\n\n");
        int lines = 4 + r.nextInt(20);
        for (int i = 0; i < lines; i++) {
            sb.append("- ").append(NameBank.pick(r, NameBank.SENTENCES)).append('\n');
        }
        return new BytesContent(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV file. */
    static Content csv(Random r) {
        StringBuilder sb = new StringBuilder("week,signups,revenue\n");
        int rows = 5 + r.nextInt(40);
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(',').append(50 + r.nextInt(500)).append(',').append(1000 + r.nextInt(9000))
                    .append('\n');
        }
        return new BytesContent(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A small valid PNG image: a two-colour gradient of random size and colours. */
    static Content png(Random r) {
        int w = 16 + r.nextInt(48);
        int h = 16 + r.nextInt(48);
        int[] from = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        int[] to = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (int y = 0; y < h; y++) {
            pixels.write(0);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels.write(from[c] + (to[c] - from[c]) * (x + y) / (w + h - 2));
                }
            }
        }
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, w);
        writeInt(ihdr, h);
        ihdr.writeBytes(new byte[] {8, 2, 0, 0, 0});
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            pixels.writeTo(z);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return new BytesContent(out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
