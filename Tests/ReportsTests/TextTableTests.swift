import Testing
@testable import Reports

@Suite("Display width")
struct DisplayWidthTests {
    @Test("Arabic letters count one each; harakat, shadda and bidi marks count zero")
    func arabic() {
        #expect(DisplayWidth.of("محمد") == 4)
        // مُحَمَّد: four letters, damma, fatha, shadda, fatha.
        #expect(DisplayWidth.of("\u{645}\u{64F}\u{62D}\u{64E}\u{645}\u{651}\u{64E}\u{62F}") == 4)
        #expect(DisplayWidth.of("\u{200F}abc\u{200E}") == 3)  // RLM, LRM
        #expect(DisplayWidth.of("ـــ") == 3)  // tatweel takes room
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("a prefix by width keeps a letter's harakat with it")
    func prefix() {
        let word = "\u{645}\u{64F}\u{62D}\u{64E}\u{645}\u{651}\u{64E}\u{62F}"
        #expect(DisplayWidth.prefix(word, width: 2) == "\u{645}\u{64F}\u{62D}\u{64E}")
        #expect(DisplayWidth.prefix(word, width: 0) == "")
        #expect(DisplayWidth.prefix("abc", width: 5) == "abc")
    }
}

@Suite("Text tables")
struct TextTableTests {
    @Test("numbers right-aligned, text left-aligned, header rule, no trailing spaces")
    func layout() {
        var table = TextTable(["Configuration", "P", "R", "F1", "tokens/s"])
        table.append(["rules", "81.2", "74.0", "77.4", "1,204,330"])
        table.append(["hybrid", "88.0", "83.1", "85.5", "98,112"])
        table.append(["crf", "n/a", "-", "9.0", "<1"])
        #expect(table.render() == """
        Configuration     P     R    F1   tokens/s
        -------------  ----  ----  ----  ---------
        rules          81.2  74.0  77.4  1,204,330
        hybrid         88.0  83.1  85.5     98,112
        crf             n/a     -   9.0         <1

        """)
    }

    @Test("Arabic cells align by display width, not by scalars or graphemes")
    func arabicAlignment() {
        var table = TextTable(columns: [.init("Surface"), .init("Type"), .init("Count", alignment: .right)])
        table.append(["مُحَمَّد", "PER", "12"])
        table.append(["القاهرة", "LOC", "3"])
        let lines = table.render().split(separator: "\n").map(String.init)
        // "Type" starts at the same display column on every line.
        let columnsOfType = lines.dropFirst(2).map { line in
            DisplayWidth.of(line[..<line.range(of: line.contains("PER") ? "PER" : "LOC")!.lowerBound])
        }
        #expect(Set(columnsOfType).count == 1)
        #expect(columnsOfType.first == 7 + 2)  // widest surface is 7 letters, then the gap
    }

    @Test("a wide table is narrowed to 100 columns by cutting its text columns")
    func fitsWidth() {
        let context = String(repeating: "كلمة ", count: 40)
        var table = TextTable(["Competitor", "Document", "Type", "Surface", "Context"])
        table.append(["hybrid", "doc-017", "ORG", "وزارة الخارجية", context])
        table.append(["rules", "doc-002", "PER", "أحمد", "short"])
        let text = table.render()
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= 100, "\(DisplayWidth.of(line)): \(line)")
        }
        #expect(text.contains("…"))
        #expect(text.contains("وزارة الخارجية"))  // short columns are untouched
        #expect(table.render(maxWidth: 60).split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    @Test("numeric columns are never cut, even when the table cannot fit")
    func numbersKept() {
        let titles = (1...12).map { "metric \($0)" }
        let table = TextTable(titles, rows: [titles.map { _ in "12345.678" }])
        let text = table.render(maxWidth: 40)
        #expect(!text.contains("…"))
        #expect(text.contains("12345.678"))
    }

    @Test("newlines and tabs inside a cell become spaces; short rows are padded")
    func cellHygiene() {
        var table = TextTable(["A", "B"], title: "Title")
        table.append(["line one\nline two\tend"])
        let text = table.render()
        #expect(text == "Title\nA                      B\n---------------------  -\nline one line two end\n")
    }
}

@Suite("Number text")
struct NumberTextTests {
    @Test("fixed, percent, signed points and grouping; non-finite prints n/a")
    func formats() {
        #expect(NumberText.fixed(77.449, decimals: 1) == "77.4")
        #expect(NumberText.percent(0.7743) == "77.4")
        #expect(NumberText.percent(.nan) == "n/a")
        #expect(NumberText.fixed(.infinity) == "n/a")
        #expect(NumberText.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberText.signedPoints(0.081) == "+8.1")
        #expect(NumberText.signedPoints(-0.02) == "−2.0")
        #expect(NumberText.signedPoints(0.0001) == "0.0")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(-999) == "-999")
        #expect(NumberText.grouped(0) == "0")
        #expect(NumberText.pValue(0.00009999) == "< 0.001")
        #expect(NumberText.pValue(0.0421) == "0.042")
        #expect(NumberText.pValue(1) == "1.000")
        #expect(NumberText.pValue(.nan) == "n/a")
    }
}
