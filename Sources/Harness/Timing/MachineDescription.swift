import Foundation

/// The machine a run was measured on, recorded with every timing so that
/// numbers from different machines are not compared as if alike.
public struct MachineDescription: Hashable, Sendable, Codable, CustomStringConvertible {
    /// CPU model name, such as "AMD EPYC 7B13"; "unknown" when not found.
    public var cpuModel: String
    /// Logical CPUs the system has.
    public var logicalCores: Int
    /// Logical CPUs this process may run on (affinity, container limits).
    public var availableCores: Int
    /// Physical memory in bytes.
    public var memoryBytes: UInt64
    /// Operating system and kernel, such as "Linux 6.1.0".
    public var operatingSystem: String
    /// Machine architecture, such as "x86_64".
    public var architecture: String

    public init(cpuModel: String, logicalCores: Int, availableCores: Int, memoryBytes: UInt64,
                operatingSystem: String, architecture: String) {
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.availableCores = availableCores
        self.memoryBytes = memoryBytes
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }

    /// This machine, from `/proc/cpuinfo`, `/proc/meminfo` and `uname`, with
    /// `ProcessInfo` filling in what `/proc` does not have.
    public static func current() -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        var names = utsname()
        uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        let info = ProcessInfo.processInfo
        return MachineDescription(
            cpuModel: cpuModel(cpuinfo: cpuinfo) ?? "unknown",
            logicalCores: info.processorCount,
            availableCores: info.activeProcessorCount,
            memoryBytes: ProcessMemory.statusField("MemTotal", in: meminfo).map { UInt64($0) } ?? info.physicalMemory,
            operatingSystem: "\(field(names.sysname)) \(field(names.release))",
            architecture: field(names.machine))
    }

    /// The CPU model in `/proc/cpuinfo` text: x86's "model name", else the
    /// "Hardware", "Model" or "cpu model" lines other architectures use.
    public static func cpuModel(cpuinfo: String) -> String? {
        let keys = ["model name", "Hardware", "Model", "cpu model", "cpu"]
        var found: [String: String] = [:]
        for line in cpuinfo.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if keys.contains(key), found[key] == nil, !value.isEmpty {
                found[key] = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
        }
        return keys.lazy.compactMap { found[$0] }.first
    }

    /// "CPU · N cores (M available) · X GiB · OS arch"
    public var description: String {
        let gib = Double(memoryBytes) / 1_073_741_824
        let cores = availableCores == logicalCores
            ? "\(logicalCores) cores" : "\(logicalCores) cores (\(availableCores) available)"
        return "\(cpuModel) · \(cores) · \(String(format: "%.1f", gib)) GiB · \(operatingSystem) \(architecture)"
    }
}
