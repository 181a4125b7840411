/// Excel's rules for worksheet names.
public enum XLSXSheetName {
    /// Excel's limit, in characters (libxlsxwriter counts Unicode scalars).
    public static let maximumLength = 31
    /// Characters a sheet name cannot contain.
    public static let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why `name` cannot name a sheet beside `existing` ones, or nil when it can.
    /// Names are compared case-insensitively, as Excel does; "History" is
    /// reserved by Excel.
    public static func problem(with name: String, existing: [String] = []) -> String? {
        let scalars = name.unicodeScalars
        if scalars.isEmpty { return "a sheet name cannot be empty" }
        if scalars.count > maximumLength {
            return "sheet name \"\(name)\" is \(scalars.count) characters long; Excel allows \(maximumLength)"
        }
        if let bad = scalars.first(where: forbidden.contains) {
            return "sheet name \"\(name)\" contains \"\(bad)\"; Excel forbids [ ] : * ? / \\"
        }
        if scalars.first == "'" || scalars.last == "'" {
            return "sheet name \"\(name)\" starts or ends with an apostrophe"
        }
        if name.lowercased() == "history" { return "\"History\" is reserved by Excel" }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            return "a sheet named \"\(name)\" already exists"
        }
        return nil
    }

    /// A valid name as close to `proposed` as possible: forbidden characters
    /// become "_", edge apostrophes are dropped, the name is cut to 31
    /// characters, and " (2)", " (3)"… is appended when it clashes with
    /// `existing` (compared case-insensitively).
    public static func sanitized(_ proposed: String, existing: [String] = []) -> String {
        var scalars = String.UnicodeScalarView()
        for s in proposed.unicodeScalars {
            scalars.append(forbidden.contains(s) || s.properties.generalCategory == .control ? "_" : s)
        }
        var base = String(scalars)
        while base.unicodeScalars.first == "'" { base = String(base.unicodeScalars.dropFirst()) }
        while base.unicodeScalars.last == "'" { base = String(base.unicodeScalars.dropLast()) }
        if base.isEmpty || base.lowercased() == "history" { base = "Sheet" + (base.isEmpty ? "" : " " + base) }
        func cut(_ text: String, to length: Int) -> String {
            var result = String(String.UnicodeScalarView(text.unicodeScalars.prefix(length)))
            while result.unicodeScalars.last == "'" || result.unicodeScalars.last == " " {
                result = String(result.unicodeScalars.dropLast())
            }
            return result
        }
        var candidate = cut(base, to: maximumLength)
        var n = 2
        while problem(with: candidate, existing: existing) != nil {
            let suffix = " (\(n))"
            candidate = cut(base, to: maximumLength - suffix.unicodeScalars.count) + suffix
            n += 1
        }
        return candidate
    }
}
