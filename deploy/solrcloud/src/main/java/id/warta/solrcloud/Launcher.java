package id.warta.solrcloud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.common.cloud.ClusterState;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.ZkStateReader;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Starts an embedded ZooKeeper and N Jetty Solr nodes in this JVM (Solr's own test cluster,
 * {@link MiniSolrCloudCluster}), uploads Warta's configset, writes DIR/state.json and serves a
 * line-based control protocol on a loopback port until SIGTERM.
 *
 * <p>Control protocol (one command per line, one JSON line per reply, connection may be reused):
 * {@code status}, {@code stop-node K}, {@code start-node K}, {@code upload-configset}, {@code
 * ping}, {@code shutdown}. Nodes are numbered 1..N; a restarted node binds its old port again.
 */
public final class Launcher {

  private static final String USAGE =
      "usage: java -jar warta-solrcloud.jar [--nodes N] [--dir DIR] [--configset CONF_DIR]\n"
          + "         [--configset-name NAME] [--base-port P] [--zk-port P] [--control-port P]\n"
          + "  --nodes N          Solr nodes to start (default 2)\n"
          + "  --dir DIR          work dir: cluster data, logs, state.json (default target/solrcloud)\n"
          + "  --configset DIR    configset conf/ dir to upload (default: next to the jar,\n"
          + "                     ../configset/warta/conf)\n"
          + "  --configset-name   name in ZooKeeper (default warta)\n"
          + "  --base-port P      node K listens on P+K-1 (default 0: ephemeral ports)\n"
          + "  --zk-port P        ZooKeeper client port (default 0: ephemeral)\n"
          + "  --control-port P   loopback control port (default 0: ephemeral)\n";

  /** strong reference: JUL (used by Jersey) keeps only weak ones */
  private static final java.util.logging.Logger JUL_JERSEY =
      java.util.logging.Logger.getLogger("org.glassfish");

  private final int nodeCount;
  private final Path dir;
  private final Path configDir;
  private final String configName;
  private final int basePort;
  private final int zkPort;
  private final int controlPortWanted;

  private MiniSolrCloudCluster cluster;
  /** only set when --zk-port is given (MiniSolrCloudCluster then does not own the ZK server) */
  private org.apache.solr.cloud.ZkTestServer ownZk;
  /** index 0 = node 1. Same JettySolrRunner object is restarted on start-node. */
  private final List<JettySolrRunner> nodes = new ArrayList<>();

  private final List<Integer> ports = new ArrayList<>();
  private ServerSocket control;
  private final Object lock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean shuttingDown = false;
  private final long startedAtMillis = System.currentTimeMillis();
  private volatile long readyAtMillis = 0;

  private Launcher(
      int nodeCount,
      Path dir,
      Path configDir,
      String configName,
      int basePort,
      int zkPort,
      int controlPort) {
    this.nodeCount = nodeCount;
    this.dir = dir;
    this.configDir = configDir;
    this.configName = configName;
    this.basePort = basePort;
    this.zkPort = zkPort;
    this.controlPortWanted = controlPort;
  }

  public static void main(String[] args) throws Exception {
    int nodes = 2;
    Path dir = Paths.get("target/solrcloud");
    Path configDir = null;
    String configName = "warta";
    int basePort = 0;
    int zkPort = 0;
    int controlPort = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = (i + 1 < args.length) ? args[i + 1] : null;
      switch (a) {
        case "--nodes":
          nodes = Integer.parseInt(req(a, v));
          i++;
          break;
        case "--dir":
          dir = Paths.get(req(a, v));
          i++;
          break;
        case "--configset":
          configDir = Paths.get(req(a, v));
          i++;
          break;
        case "--configset-name":
          configName = req(a, v);
          i++;
          break;
        case "--base-port":
          basePort = Integer.parseInt(req(a, v));
          i++;
          break;
        case "--zk-port":
          zkPort = Integer.parseInt(req(a, v));
          i++;
          break;
        case "--control-port":
          controlPort = Integer.parseInt(req(a, v));
          i++;
          break;
        case "-h":
        case "--help":
          System.out.print(USAGE);
          return;
        default:
          System.err.print("unknown argument: " + a + "\n" + USAGE);
          System.exit(2);
      }
    }
    if (nodes < 1 || nodes > 16) {
      System.err.println("--nodes must be between 1 and 16 (2 or more for fault tests)");
      System.exit(2);
    }
    if (configDir == null) {
      configDir = defaultConfigDir();
    }
    if (!Files.isRegularFile(configDir.resolve("solrconfig.xml"))) {
      System.err.println("configset dir has no solrconfig.xml: " + configDir);
      System.exit(2);
    }
    dir = dir.toAbsolutePath().normalize();
    JUL_JERSEY.setLevel(java.util.logging.Level.SEVERE);
    // before any Solr/log4j class is touched: log4j2.xml writes to ${sys:solr.log.dir}/solr.log
    if (System.getProperty("solr.log.dir") == null) {
      System.setProperty("solr.log.dir", dir.resolve("logs").toString());
    }
    new Launcher(nodes, dir, configDir.toAbsolutePath().normalize(), configName, basePort, zkPort,
            controlPort)
        .run();
  }

  private static String req(String flag, String v) {
    if (v == null) {
      System.err.print(flag + " needs a value\n" + USAGE);
      System.exit(2);
    }
    return v;
  }

  private static Path defaultConfigDir() {
    try {
      Path jar =
          Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // deploy/solrcloud/target/warta-solrcloud.jar -> deploy/solrcloud/configset/warta/conf
      Path base = jar.getParent(); // target/ (also for target/classes when run from an IDE)
      return base.getParent().resolve("configset/warta/conf");
    } catch (Exception e) {
      return Paths.get("configset/warta/conf");
    }
  }

  private static void log(String msg) {
    System.err.println("[warta-solrcloud " + Instant.now() + "] " + msg);
  }

  private void run() throws Exception {
    Path clusterDir = dir.resolve("cluster");
    Path logDir = dir.resolve("logs");
    Files.createDirectories(dir);
    // every start is a fresh cluster: node names contain (ephemeral) ports, so old ZK state
    // would point at dead nodes
    deleteRecursively(clusterDir);
    Files.deleteIfExists(dir.resolve("state.json"));
    Files.createDirectories(logDir);

    // ZooKeeper: no 4lw/admin server needed beyond what ZkTestServer enables itself
    System.setProperty("zookeeper.admin.enableServer", "false");
    // keep the node's own update log / index under the node home (defaults), no JMX metrics
    System.setProperty("metricsEnabled", "false");

    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "warta-solrcloud-shutdown"));

    JettyConfig jettyConfig =
        JettyConfig.builder().setContext("/solr").stopAtShutdown(false).build();

    log("starting ZooKeeper in " + clusterDir + " (nodes=" + nodeCount + ")");
    if (zkPort != 0) {
      // MiniSolrCloudCluster creates its own ZkTestServer on an ephemeral port; for a fixed port
      // create the server ourselves.
      org.apache.solr.cloud.ZkTestServer zk =
          new org.apache.solr.cloud.ZkTestServer(clusterDir.resolve("zookeeper/server1/data"),
              zkPort);
      zk.run(true);
      ownZk = zk;
      cluster =
          new MiniSolrCloudCluster(
              0, clusterDir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, jettyConfig, zk, true);
    } else {
      cluster =
          new MiniSolrCloudCluster(
              0, clusterDir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, jettyConfig);
    }
    log("ZooKeeper at " + cluster.getZkServer().getZkAddress());

    cluster.uploadConfigSet(configDir, configName);
    log("uploaded configset '" + configName + "' from " + configDir);

    // start nodes in parallel; node K is home dir clusterDir/nodeK
    ExecutorService ex = Executors.newFixedThreadPool(nodeCount);
    List<Future<JettySolrRunner>> futures = new ArrayList<>();
    for (int k = 1; k <= nodeCount; k++) {
      final int port = basePort == 0 ? 0 : basePort + k - 1;
      final String name = "node" + k;
      futures.add(
          ex.submit(
              () ->
                  cluster.startJettySolrRunner(
                      name, "/solr", JettyConfig.builder(jettyConfig).setPort(port).build())));
    }
    for (Future<JettySolrRunner> f : futures) {
      JettySolrRunner j = f.get(180, TimeUnit.SECONDS);
      nodes.add(j);
      ports.add(j.getLocalPort());
    }
    ex.shutdown();
    for (JettySolrRunner j : nodes) {
      cluster.waitForNode(j, 120);
    }
    log("all " + nodeCount + " nodes live: " + cluster.getZkStateReader().getClusterState()
        .getLiveNodes());

    control = new ServerSocket(controlPortWanted, 16, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "warta-solrcloud-control");
    acceptor.setDaemon(true);
    acceptor.start();

    readyAtMillis = System.currentTimeMillis();
    writeState();
    log(String.format(
        "ready in %.1fs; state in %s; control port %d",
        (readyAtMillis - startedAtMillis) / 1000.0, dir.resolve("state.json"),
        control.getLocalPort()));
    System.out.println(baseUrl(0));
    System.out.flush();

    stopped.await();
  }

  private String baseUrl(int idx) {
    return "http://127.0.0.1:" + ports.get(idx) + "/solr";
  }

  private String nodeName(int idx) {
    return "127.0.0.1:" + ports.get(idx) + "_solr";
  }

  // ---------------------------------------------------------------- shutdown

  private void shutdown() {
    synchronized (lock) {
      if (shuttingDown) return;
      shuttingDown = true;
    }
    log("shutting down the cluster");
    try {
      if (control != null) control.close();
    } catch (IOException ignored) {
    }
    try {
      Files.deleteIfExists(dir.resolve("state.json"));
    } catch (IOException ignored) {
    }
    try {
      if (cluster != null) {
        // MiniSolrCloudCluster.shutdown only knows running nodes; stopped ones are already down
        cluster.shutdown();
      }
      if (ownZk != null) {
        ownZk.shutdown();
      }
      log("cluster shut down cleanly");
    } catch (Throwable t) {
      log("error during shutdown: " + t);
    } finally {
      stopped.countDown();
      try {
        Class.forName("org.apache.logging.log4j.LogManager").getMethod("shutdown").invoke(null);
      } catch (Throwable ignored) {
      }
    }
  }

  // ---------------------------------------------------------------- control protocol

  private void acceptLoop() {
    while (!control.isClosed()) {
      try {
        Socket s = control.accept();
        Thread t = new Thread(() -> serve(s), "warta-solrcloud-control-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!control.isClosed()) log("control accept failed: " + e);
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8),
                true)) {
      s.setSoTimeout(600_000);
      String line;
      while ((line = in.readLine()) != null) {
        line = line.trim();
        if (line.isEmpty()) continue;
        String reply;
        try {
          reply = handle(line);
        } catch (Exception e) {
          reply = "{\"ok\":false,\"error\":" + q(e.toString()) + "}";
        }
        out.println(reply);
        if (line.equals("shutdown")) break;
      }
    } catch (SocketTimeoutException ignored) {
    } catch (IOException e) {
      log("control connection error: " + e);
    }
  }

  private String handle(String line) throws Exception {
    String[] parts = line.split("\\s+");
    String cmd = parts[0];
    switch (cmd) {
      case "ping":
        return "{\"ok\":true,\"pong\":true}";
      case "status":
        return status();
      case "stop-node":
        return stopNode(nodeIndex(parts));
      case "start-node":
        return startNode(nodeIndex(parts));
      case "upload-configset":
        synchronized (lock) {
          cluster.uploadConfigSet(configDir, configName);
        }
        return "{\"ok\":true,\"uploaded\":" + q(configName) + ",\"from\":" + q(configDir.toString())
            + ",\"note\":\"RELOAD the collections to apply\"}";
      case "shutdown":
        Thread t = new Thread(() -> System.exit(0), "warta-solrcloud-exit");
        t.start();
        return "{\"ok\":true,\"shutdown\":true}";
      default:
        return "{\"ok\":false,\"error\":" + q("unknown command: " + cmd
            + " (status, stop-node K, start-node K, upload-configset, ping, shutdown)") + "}";
    }
  }

  private int nodeIndex(String[] parts) {
    if (parts.length != 2) throw new IllegalArgumentException(parts[0] + " needs a node number");
    int k = Integer.parseInt(parts[1]);
    if (k < 1 || k > nodes.size()) {
      throw new IllegalArgumentException("node must be 1.." + nodes.size() + ", got " + k);
    }
    return k - 1;
  }

  private String stopNode(int idx) throws Exception {
    synchronized (lock) {
      JettySolrRunner j = nodes.get(idx);
      if (!j.isRunning()) {
        return "{\"ok\":true,\"node\":" + (idx + 1) + ",\"already\":\"stopped\"}";
      }
      long t0 = System.nanoTime();
      String name = nodeName(idx);
      cluster.stopJettySolrRunner(j);
      // wait until ZK has noticed (the node removes its ephemeral live_nodes entry on close)
      cluster
          .getZkStateReader()
          .waitForLiveNodes(60, TimeUnit.SECONDS, (o, n) -> n != null && !n.contains(name));
      writeState();
      return String.format(
          "{\"ok\":true,\"node\":%d,\"state\":\"stopped\",\"nodeName\":%s,\"ms\":%d}",
          idx + 1, q(name), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private String startNode(int idx) throws Exception {
    synchronized (lock) {
      JettySolrRunner j = nodes.get(idx);
      if (j.isRunning()) {
        return "{\"ok\":true,\"node\":" + (idx + 1) + ",\"already\":\"running\"}";
      }
      long t0 = System.nanoTime();
      cluster.startJettySolrRunner(j, true); // same port
      if (j.getLocalPort() != ports.get(idx)) {
        log("WARNING: node " + (idx + 1) + " came back on port " + j.getLocalPort());
        ports.set(idx, j.getLocalPort());
      }
      cluster.waitForNode(j, 120);
      long liveMs = (System.nanoTime() - t0) / 1_000_000;
      // then wait for the replicas hosted on this node to become active (recovery)
      String name = nodeName(idx);
      boolean allActive = waitReplicasActive(name, 180);
      writeState();
      return String.format(
          "{\"ok\":true,\"node\":%d,\"state\":\"running\",\"nodeName\":%s,\"baseUrl\":%s,"
              + "\"liveMs\":%d,\"replicasActive\":%b,\"ms\":%d}",
          idx + 1, q(name), q(baseUrl(idx)), liveMs, allActive,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private boolean waitReplicasActive(String nodeName, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ZkStateReader r = cluster.getZkStateReader();
    while (System.nanoTime() < deadline) {
      ClusterState cs = r.getClusterState();
      Set<String> live = cs.getLiveNodes();
      boolean ok = true;
      for (DocCollection c : cs.getCollectionsMap().values()) {
        for (Replica rep : c.getReplicas()) {
          if (nodeName.equals(rep.getNodeName()) && !rep.isActive(live)) {
            ok = false;
          }
        }
      }
      if (ok) return true;
      Thread.sleep(250);
    }
    return false;
  }

  private String status() {
    StringBuilder sb = new StringBuilder("{\"ok\":true,");
    ClusterState cs = cluster.getZkStateReader().getClusterState();
    Set<String> live = cs.getLiveNodes();
    sb.append("\"liveNodes\":").append(live.size()).append(',');
    sb.append("\"nodes\":[");
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(String.format(
          "{\"index\":%d,\"running\":%b,\"live\":%b,\"baseUrl\":%s}",
          i + 1, nodes.get(i).isRunning(), live.contains(nodeName(i)), q(baseUrl(i))));
    }
    sb.append("],\"collections\":{");
    boolean first = true;
    for (Map.Entry<String, DocCollection> e : new TreeMap<>(cs.getCollectionsMap()).entrySet()) {
      if (!first) sb.append(',');
      first = false;
      DocCollection c = e.getValue();
      int total = 0;
      int active = 0;
      TreeMap<String, String> perReplica = new TreeMap<>();
      for (Replica rep : c.getReplicas()) {
        total++;
        boolean a = rep.isActive(live);
        if (a) active++;
        perReplica.put(
            rep.getShard() + "/" + rep.getName(),
            (a ? "active" : rep.getState().toString().toLowerCase(java.util.Locale.ROOT))
                + (rep.isLeader() ? ",leader" : "") + "@node"
                + (1 + ports.indexOf(portOf(rep.getNodeName()))));
      }
      sb.append(q(e.getKey())).append(":{\"shards\":").append(c.getSlices().size())
          .append(",\"replicas\":").append(total).append(",\"active\":").append(active)
          .append(",\"detail\":{");
      boolean f2 = true;
      for (Map.Entry<String, String> pr : perReplica.entrySet()) {
        if (!f2) sb.append(',');
        f2 = false;
        sb.append(q(pr.getKey())).append(':').append(q(pr.getValue()));
      }
      sb.append("}}");
    }
    sb.append("}}");
    return sb.toString();
  }

  private static Integer portOf(String nodeName) {
    // 127.0.0.1:PORT_solr
    try {
      int c = nodeName.indexOf(':');
      int u = nodeName.indexOf('_', c);
      return Integer.parseInt(nodeName.substring(c + 1, u));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- state file

  private void writeState() throws IOException {
    String zkHost = cluster.getZkServer().getZkHost();
    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"version\": 1,\n");
    sb.append("  \"pid\": ").append(ProcessHandle.current().pid()).append(",\n");
    sb.append("  \"solrVersion\": ").append(q(org.apache.solr.client.api.util.SolrVersion.LATEST_STRING))
        .append(",\n");
    sb.append("  \"baseUrl\": ").append(q(baseUrl(0))).append(",\n");
    sb.append("  \"zkHost\": ").append(q(zkHost + "/solr")).append(",\n");
    sb.append("  \"zkAddress\": ").append(q(zkHost)).append(",\n");
    sb.append("  \"zkChroot\": \"/solr\",\n");
    sb.append("  \"controlPort\": ").append(control.getLocalPort()).append(",\n");
    sb.append("  \"configset\": ").append(q(configName)).append(",\n");
    sb.append("  \"configsetDir\": ").append(q(configDir.toString())).append(",\n");
    sb.append("  \"dir\": ").append(q(dir.toString())).append(",\n");
    sb.append("  \"startedAt\": ").append(q(Instant.ofEpochMilli(startedAtMillis).toString()))
        .append(",\n");
    sb.append("  \"startupMs\": ").append(readyAtMillis - startedAtMillis).append(",\n");
    sb.append("  \"maxHeapBytes\": ").append(Runtime.getRuntime().maxMemory()).append(",\n");
    sb.append("  \"jvmArgs\": ").append(q(String.join(" ",
        ManagementFactory.getRuntimeMXBean().getInputArguments()))).append(",\n");
    sb.append("  \"nodes\": [\n");
    for (int i = 0; i < nodes.size(); i++) {
      JettySolrRunner j = nodes.get(i);
      sb.append(String.format(
          "    {\"index\": %d, \"port\": %d, \"baseUrl\": %s, \"nodeName\": %s, \"home\": %s, "
              + "\"running\": %b}%s\n",
          i + 1, ports.get(i), q(baseUrl(i)), q(nodeName(i)), q(j.getSolrHome()), j.isRunning(),
          i + 1 < nodes.size() ? "," : ""));
    }
    sb.append("  ]\n}\n");
    Path tmp = dir.resolve("state.json.tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String q(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> w = Files.walk(p)) {
      for (Path x : (Iterable<Path>) w.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }
}
