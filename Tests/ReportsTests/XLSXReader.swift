import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads back what the tests wrote: unzips an .xlsx with /usr/bin/unzip and
/// parses its XML parts. Independent of libxlsxwriter.
struct XLSXReader {
    struct Cell: Equatable {
        var reference: String
        /// "n" (number), "s" (shared string), "b", "str"…
        var type: String
        /// The raw `<v>` text (the number as written), or the resolved string.
        var value: String?
        var styleIndex: Int
    }

    let path: String
    let members: [String]
    let sharedStrings: [String]
    /// Sheet name → part path ("xl/worksheets/sheet1.xml"), in workbook order.
    let sheets: [(name: String, part: String)]

    init(_ path: String) throws {
        self.path = path
        members = try Self.unzip(["-Z1", path]).split(separator: "\n").map(String.init)
        let sharedStringsXML = members.contains("xl/sharedStrings.xml") ? try Self.unzip(["-p", path, "xl/sharedStrings.xml"]) : nil
        if let sharedStringsXML {
            let doc = try XMLDocument(xmlString: sharedStringsXML)
            sharedStrings = try doc.nodes(forXPath: "//*[local-name()='si']").map { si in
                try si.nodes(forXPath: ".//*[local-name()='t']").map { $0.stringValue ?? "" }.joined()
            }
        } else {
            sharedStrings = []
        }
        let workbook = try XMLDocument(xmlString: try Self.unzip(["-p", path, "xl/workbook.xml"]))
        let rels = try XMLDocument(xmlString: try Self.unzip(["-p", path, "xl/_rels/workbook.xml.rels"]))
        var targets: [String: String] = [:]
        for rel in try rels.nodes(forXPath: "//*[local-name()='Relationship']") {
            guard let element = rel as? XMLElement,
                  let id = attributeValue(element, "Id"),
                  let target = attributeValue(element, "Target") else { continue }
            targets[id] = "xl/" + target
        }
        sheets = try workbook.nodes(forXPath: "//*[local-name()='sheet']").compactMap { node in
            guard let element = node as? XMLElement,
                  let name = attributeValue(element, "name"),
                  let id = attributeValue(element, "r:id"),
                  let part = targets[id] else { return nil }
            return (name, part)
        }
    }

    var sheetNames: [String] { sheets.map(\.name) }

    /// The number in a cell. libxlsxwriter prints numbers with 16 significant
    /// digits ("%.16G"), so 0.81 reads back as 0.8100000000000001: within an ulp.
    static func number(_ cell: Cell?) -> Double? { cell?.value.flatMap(Double.init) }

    /// A member's text. (unzip reads member names as patterns, so "[" is escaped.)
    func xml(_ member: String) throws -> String {
        try Self.unzip(["-p", path, member.replacingOccurrences(of: "[", with: "\\[")])
    }

    func sheetXML(_ name: String) throws -> String {
        guard let part = sheets.first(where: { $0.name == name })?.part else {
            throw ReaderError("no sheet \(name) in \(path); sheets: \(sheetNames)")
        }
        return try xml(part)
    }

    func document(_ member: String) throws -> XMLDocument { try XMLDocument(xmlString: try xml(member)) }

    /// Every cell of a sheet by reference.
    func cells(_ sheet: String) throws -> [String: Cell] {
        let doc = try XMLDocument(xmlString: try sheetXML(sheet))
        var result: [String: Cell] = [:]
        for node in try doc.nodes(forXPath: "//*[local-name()='c']") {
            guard let c = node as? XMLElement, let ref = attributeValue(c, "r") else { continue }
            let type = attributeValue(c, "t") ?? "n"
            let style = Int(attributeValue(c, "s") ?? "0") ?? 0
            var value = try c.nodes(forXPath: "./*[local-name()='v']").first?.stringValue
            if type == "s", let index = value.flatMap(Int.init) { value = sharedStrings[index] }
            if type == "inlineStr" { value = try c.nodes(forXPath: ".//*[local-name()='t']").first?.stringValue }
            result[ref] = Cell(reference: ref, type: type, value: value, styleIndex: style)
        }
        return result
    }

    /// The `cellXfs` entries of styles.xml with what the tests look at.
    struct CellFormat {
        var numberFormat: String?
        var bold: Bool
        var fillRGB: String?
        var readingOrder: String?
        var horizontal: String?
        var wrap: Bool
    }

    func cellFormats() throws -> [CellFormat] {
        let doc = try document("xl/styles.xml")
        var numberFormats: [String: String] = ["9": "0%", "10": "0.00%", "3": "#,##0", "4": "#,##0.00"]
        for node in try doc.nodes(forXPath: "//*[local-name()='numFmt']") {
            guard let e = node as? XMLElement, let id = attributeValue(e, "numFmtId") else { continue }
            numberFormats[id] = attributeValue(e, "formatCode")
        }
        let fonts = try doc.nodes(forXPath: "//*[local-name()='fonts']/*[local-name()='font']").map { font in
            try !font.nodes(forXPath: "./*[local-name()='b']").isEmpty
        }
        let fills = try doc.nodes(forXPath: "//*[local-name()='fills']/*[local-name()='fill']").map { fill in
            attributeValue(try fill.nodes(forXPath: ".//*[local-name()='fgColor']").first as? XMLElement, "rgb")
        }
        return try doc.nodes(forXPath: "//*[local-name()='cellXfs']/*[local-name()='xf']").map { node in
            let e = node as! XMLElement
            func attribute(_ name: String) -> String? { attributeValue(e, name) }
            let alignment = try e.nodes(forXPath: "./*[local-name()='alignment']").first as? XMLElement
            return CellFormat(
                numberFormat: attribute("numFmtId").flatMap { $0 == "0" ? nil : numberFormats[$0] },
                bold: fonts[Int(attribute("fontId") ?? "0") ?? 0],
                fillRGB: fills[Int(attribute("fillId") ?? "0") ?? 0],
                readingOrder: attributeValue(alignment, "readingOrder"),
                horizontal: attributeValue(alignment, "horizontal"),
                wrap: attributeValue(alignment, "wrapText") == "1")
        }
    }

    static func unzip(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReaderError("unzip \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ReaderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An attribute's value by its qualified name. (swift-corelibs-foundation's
/// `attribute(forName:)` misses attributes of some elements in a default
/// namespace, so the attributes are searched directly.)
func attributeValue(_ element: XMLElement?, _ name: String) -> String? {
    element?.attributes?.first(where: { $0.name == name })?.stringValue
}
