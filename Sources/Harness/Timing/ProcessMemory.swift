import Foundation

/// Resident memory of this process, from Linux's `/proc/self/status`.
public enum ProcessMemory {
    /// Peak resident set size in bytes (`VmHWM`, the high-water mark), or nil
    /// where `/proc` is unavailable (then `getrusage`'s `ru_maxrss` is used if
    /// it can be).
    public static func peakResidentBytes() -> Int? {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let bytes = statusField("VmHWM", in: status) {
            return bytes
        }
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
    }

    /// Current resident set size in bytes (`VmRSS`), or nil without `/proc`.
    public static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return statusField("VmRSS", in: status)
    }

    /// Resets the peak to the current resident size (Linux: writing "5" to
    /// `/proc/self/clear_refs`), so that the next `peakResidentBytes()` is
    /// the peak of what runs in between: one competitor's run, say, in a
    /// process that has already run others. Returns false when not supported;
    /// the peak then stays process-wide.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// The value of a `Name:   1234 kB` line of `/proc/<pid>/status`, in bytes.
    public static func statusField(_ name: String, in status: String) -> Int? {
        for line in status.split(separator: "\n") {
            guard line.hasPrefix(name + ":") else { continue }
            let fields = line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let number = fields.first.flatMap({ Int($0) }) else { return nil }
            let unit = fields.dropFirst().first?.lowercased()
            switch unit {
            case "kb": return number * 1024
            case "mb": return number * 1024 * 1024
            case nil: return number
            default: return nil
            }
        }
        return nil
    }
}
