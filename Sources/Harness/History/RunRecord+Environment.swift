import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// The machine this process runs on: host name, OS version, CPU model (from
    /// /proc/cpuinfo on Linux, sysctl on macOS), logical cores and memory.
    public static func current() -> Self {
        let info = ProcessInfo.processInfo
        return Self(host: info.hostName, os: info.operatingSystemVersionString, cpu: cpuModel(),
                    cores: info.activeProcessorCount, memoryBytes: Int64(info.physicalMemory))
    }

    static func cpuModel() -> String {
        #if os(Linux)
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("model name") {
                if let colon = line.firstIndex(of: ":") {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        #elseif os(macOS)
        var size = 0
        if sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 {
            var buffer = [CChar](repeating: 0, count: size)
            if sysctlbyname("machdep.cpu.brand_string", &buffer, &size, nil, 0) == 0 {
                return String(cString: buffer)
            }
        }
        #endif
        return "unknown"
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
