import Foundation

extension RunRecord {
    /// A new run id: the UTC time to the second and four random hex digits,
    /// e.g. `20251130-142501-7f3a`. Ids sort by time; the suffix keeps two runs
    /// started in the same second apart.
    public static func makeID(time: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let suffix = String(UInt16.random(in: .min ... .max), radix: 16)
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second))-"
            + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}

extension RunRecord.Machine {
    /// The machine this process runs on (`MachineDescription.current()`, with
    /// the host name from `ProcessInfo`).
    public static func current() -> Self {
        Self(MachineDescription.current(), host: ProcessInfo.processInfo.hostName)
    }

    /// The record of a machine the timing code described: its CPU model, the
    /// cores available to the process (what the timings ran on), memory, and
    /// operating system with architecture.
    public init(_ description: MachineDescription, host: String) {
        self.init(host: host, os: "\(description.operatingSystem) \(description.architecture)",
                  cpu: description.cpuModel, cores: description.availableCores,
                  memoryBytes: Int64(clamping: description.memoryBytes))
    }
}

extension RunRecord.Timings {
    /// The record of a competitor's measured extraction: tokens per pass, the
    /// wall time of every measured repeat, the pooled latency percentiles, and
    /// the process's peak resident memory (`ProcessMemory`), when measured.
    public init(_ summary: TimingSummary, peakMemoryBytes: Int64?) {
        self.init(tokens: summary.workload.tokens, repeatSeconds: summary.repeats.map(\.wallSeconds),
                  latency: summary.latency.count > 0
                      ? RunRecord.Latency(p50: summary.latency.p50, p90: summary.latency.p90, p99: summary.latency.p99)
                      : nil,
                  peakMemoryBytes: peakMemoryBytes)
    }
}

extension RunRecord.GitState {
    /// The commit checked out in `directory` and whether tracked files differ
    /// from it (`git status --porcelain --untracked-files=no`); nil when
    /// `directory` is not in a git work tree or git is not installed.
    public static func detect(in directory: String = FileManager.default.currentDirectoryPath) -> Self? {
        guard let commit = git(["rev-parse", "HEAD"], in: directory)?
            .trimmingCharacters(in: .whitespacesAndNewlines), commit.count >= 7,
            let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory)
        else { return nil }
        return Self(commit: commit, dirty: !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
