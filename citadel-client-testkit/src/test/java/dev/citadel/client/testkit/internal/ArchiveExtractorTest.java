package dev.citadel.client.testkit.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveExtractorTest {

  @TempDir
  Path target;

  @Test
  void keepsSymlinksHardLinksAndExecBitsAndOpensReadAccess() throws IOException {
    byte[] archive = tarXz(tar -> {
      directory(tar, "bin/");
      file(tar, "bin/tool", "#!/bin/sh\necho hi\n", 0700);
      file(tar, "lib/libx.so.1.2", "ELF", 0600);
      symlink(tar, "lib/libx.so", "libx.so.1.2");
      hardLink(tar, "bin/tool-again", "bin/tool");
    });

    ArchiveExtractor.extractTarXz(new ByteArrayInputStream(archive), target);

    Path tool = target.resolve("bin/tool");
    assertThat(Files.readString(tool)).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tool))).isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/libx.so.1.2"))))
        .isEqualTo("rw-r--r--");
    Path link = target.resolve("lib/libx.so");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("libx.so.1.2");
    assertThat(Files.readString(link)).isEqualTo("ELF");
    assertThat(Files.readString(target.resolve("bin/tool-again"))).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(Files.isExecutable(target.resolve("bin/tool-again"))).isTrue();
    assertThat(Files.isDirectory(target.resolve("bin"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void refusesEntriesEscapingTheTarget() throws IOException {
    byte[] archive = tarXz(tar -> file(tar, "../escaped", "x", 0644));

    assertThatThrownBy(() -> ArchiveExtractor.extractTarXz(new ByteArrayInputStream(archive), target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("escapes");
    assertThat(target.resolveSibling("escaped")).doesNotExist();
  }

  private interface TarWriter {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static byte[] tarXz(TarWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(bytes, new LZMA2Options());
      TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
      writer.write(tar);
    }
    return bytes.toByteArray();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setMode(0100000 | mode);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static void symlink(TarArchiveOutputStream tar, String name, String linkTarget) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
    entry.setLinkName(linkTarget);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void hardLink(TarArchiveOutputStream tar, String name, String linkTarget) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
    entry.setLinkName(linkTarget);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
