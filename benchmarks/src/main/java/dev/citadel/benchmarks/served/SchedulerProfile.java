package dev.citadel.benchmarks.served;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the threads of a process spent a time window, from Linux's scheduler statistics
 * ({@code /proc/PID/task/TID/schedstat}: nanoseconds on a CPU, nanoseconds runnable but waiting
 * for one) and the machine's CPU time per process ({@code /proc/PID/stat}). A latency measured
 * inside the service counts both; on a saturated machine the wait is most of it. Linux only.
 */
final class SchedulerProfile {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Java runs on

  /** Per thread (by id): its name, ns on a CPU, ns waiting for one. */
  private final Map<String, long[]> threads = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  /** Per process: ticks of CPU, and a label. */
  private final Map<String, Long> processTicks = new HashMap<>();
  private final Map<String, String> processLabels = new HashMap<>();
  private final long[] machine;

  private SchedulerProfile(long pid) throws IOException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) list::iterator) {
        try {
          String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
          threads.put(task.getFileName().toString(), new long[] {Long.parseLong(sched[0]), Long.parseLong(sched[1])});
          names.put(task.getFileName().toString(), Files.readString(task.resolve("comm")).trim());
        } catch (IOException threadEnded) {
          // a thread that ended between the listing and the read is simply not counted
        }
      }
    }
    try (Stream<Path> list = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) list::iterator) {
        String id = proc.getFileName().toString();
        if (!id.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(proc.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          processTicks.put(id, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          processLabels.put(id, label(Files.readString(proc.resolve("cmdline")).replace('\0', ' '), id, pid));
        } catch (IOException processEnded) {
          // likewise
        }
      }
    }
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    machine = new long[] {total, Long.parseLong(cpu[4])};
  }

  /** A snapshot of {@code pid}'s threads and of the machine's processes now. */
  static SchedulerProfile take(long pid) throws IOException {
    return new SchedulerProfile(pid);
  }

  private static String label(String cmdline, String id, long servicePid) {
    if (id.equals(Long.toString(servicePid))) {
      return "the service JVM";
    }
    if (cmdline.contains("ServedLoadHarness")) {
      return "this harness JVM";
    }
    if (cmdline.startsWith("postgres") || cmdline.contains("/postgres ") || cmdline.contains("bin/postgres")) {
      return "PostgreSQL";
    }
    if (cmdline.contains("redis-server")) {
      return "Redis";
    }
    return "other processes";
  }

  /** Prints what happened between {@code before} and {@code after}. */
  static void print(SchedulerProfile before, SchedulerProfile after) {
    int cores = Runtime.getRuntime().availableProcessors();
    double machineSeconds = (after.machine[0] - before.machine[0]) / (double) TICKS_PER_SECOND;
    double idle = (after.machine[1] - before.machine[1]) / (double) TICKS_PER_SECOND;
    System.out.printf(Locale.ROOT, "%nscheduler profile of the measured window (Linux schedstat): %.1f CPU-seconds on %d"
        + " cores, %.1f of them idle%n", machineSeconds, cores, idle);
    Map<String, Long> perProcess = new TreeMap<>();
    after.processTicks.forEach((id, ticks) -> perProcess.merge(after.processLabels.get(id),
        ticks - before.processTicks.getOrDefault(id, 0L), Long::sum));
    perProcess.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> System.out.printf(Locale.ROOT, "  %-20s %8.1f CPU-s%n", e.getKey(),
            e.getValue() / (double) TICKS_PER_SECOND));
    Map<String, double[]> groups = new TreeMap<>();
    after.threads.forEach((tid, now) -> {
      long[] then = before.threads.getOrDefault(tid, new long[2]);
      double[] g = groups.computeIfAbsent(group(after.names.get(tid)), k -> new double[2]);
      g[0] += (now[0] - then[0]) / 1e9;
      g[1] += (now[1] - then[1]) / 1e9;
    });
    System.out.printf(Locale.ROOT, "  service threads (by name, numbers dropped)   on a CPU s   runnable, waiting"
        + " for a CPU s%n");
    List<Map.Entry<String, double[]>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
    for (Map.Entry<String, double[]> e : sorted.subList(0, Math.min(10, sorted.size()))) {
      System.out.printf(Locale.ROOT, "  %-44s %12.1f %12.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
  }

  private static String group(String name) {
    String g = name.replaceAll("[-_#]?\\d+$", "");
    return g.isEmpty() ? name : g;
  }
}
