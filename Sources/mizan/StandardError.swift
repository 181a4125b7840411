import Foundation

/// `print(..., to: &err)` target for diagnostics.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
