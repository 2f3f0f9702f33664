import Foundation
import Testing

@testable import HeardText

@Suite struct CSVReaderTests {
    func records(_ text: String, chunkSize: Int = 7) throws -> [[String]] {
        let url = try TinyCorpus.write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url, chunkSize: chunkSize)
        var rows: [[String]] = []
        while try reader.nextRecord() { rows.append((0..<reader.fieldRanges.count).map { reader.string(at: $0) }) }
        return rows
    }

    @Test func blamesTheRowWhereAnUnclosedQuoteBegan() throws {
        do {
            _ = try records("a,b\n\"opened,b\nnext,\"x\"y\n")
            Issue.record("expected an error")
        } catch let error as CSVError {
            #expect(error.line == 2, "the row with the stray quote, not the line where reading gave up")
            #expect(error.description.hasPrefix("line 2: a quote opened in this row is not closed"))
        }
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let rows = try records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nnext line\"\r\nplain,\"\"\n")
        #expect(rows == [["a", "b"], ["x, y", "say \"hi\"\nnext line"], ["plain", ""]])
    }

    @Test func handlesLFAndCRLFAndAMissingFinalNewline() throws {
        #expect(try records("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try records("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(try records("a,\n") == [["a", ""]])
    }

    @Test func reportsTheLineOfAnUnterminatedQuote() throws {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try records("a,b\nc,d\n\"open,e\nmore\n") }
    }

    @Test func reportsTheLineOfTextAfterAClosingQuote() throws {
        #expect(throws: CSVError.unexpectedCharacterAfterQuote(line: 2, field: 1, recordLine: 2)) {
            try records("a,b\n\"x\"y,z\n")
        }
    }

    @Test func countsLinesInsideQuotedFields() throws {
        let url = try TinyCorpus.write("h\n\"one\ntwo\"\nthree\n")
        let reader = try CSVReader(url: url, chunkSize: 3)
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        #expect(reader.line == 2)
        _ = try reader.nextRecord()
        #expect(reader.line == 4)
    }

    @Test func readsLongFieldsWhoseSeparatorsFallAnywhereInAnEightByteWord() throws {
        // The reader skips eight bytes at a time when they hold no separator: put separators at every offset.
        for offset in 0..<17 {
            let plain = String(repeating: "p", count: offset)
            let quoted =
                String(repeating: "q", count: offset) + "\n" + String(repeating: "r", count: 16 - offset)
                + "\"\"" + String(repeating: "s", count: offset)
            let text =
                "\(plain),\"\(quoted.replacingOccurrences(of: "\"\"", with: "\"\"\"\""))\",\(plain)x\r\nend,\(plain),\n"
            let expected = [[plain, quoted, plain + "x"], ["end", plain, ""]]
            for chunk in [7, 1 << 20] {
                #expect(try records(text, chunkSize: chunk) == expected, "offset \(offset), chunk \(chunk)")
            }
        }
    }

    @Test func dropsAByteOrderMarkFromTheHeader() throws {
        let url = try TinyCorpus.write("\u{FEFF}text,id\n")
        #expect(try CSVReader(url: url).readHeader() == ["text", "id"])
    }

    @Test func namesAUTF16FileInsteadOfReadingOneGarbledColumn() throws {
        for (text, encoding) in [("\"comment\",id\r\nhello,1\r\n", String.Encoding.utf16), ("comment\n", .utf16)] {
            let url = TinyCorpus.temporaryURL("unicode-text.csv")
            defer { try? FileManager.default.removeItem(at: url) }
            try text.data(using: encoding)!.write(to: url)
            #expect(throws: CSVError.utf16(path: url.path)) { try CSVReader(url: url, chunkSize: 1).readHeader() }
        }
        #expect(CSVError.utf16(path: "a.csv").description.contains("save it as \"CSV UTF-8 (Comma delimited)\""))
    }

    @Test func writerQuotesOnlyWhenNeededAndRoundTrips() throws {
        let url = TinyCorpus.temporaryURL("out.csv")
        var writer = try CSVWriter(url: url)
        let rows = [["plain", "with, comma", "with \"quote\"", "two\nlines", ""]]
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text == "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\r\n")
        #expect(try records(text) == rows)
    }

    @Test func writerDoublesQuotesWhereverTheyFallInAnEightByteWord() throws {
        let url = TinyCorpus.temporaryURL("out.csv")
        var writer = try CSVWriter(url: url)
        var rows: [[String]] = []
        for first in 0..<20 {
            var characters = Array("the quick brown fox jumps over it, twice")
            characters[first] = "\""
            characters[first + 9] = "\""
            rows.append([String(characters), "\"\"" + String(characters.prefix(first))])
        }
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(try records(text) == rows)
        // Every field is quoted (each holds a quote) and each quote inside is doubled.
        let fieldQuotes: [Int] = rows.joined().map { field in 2 + 2 * field.filter { $0 == "\"" }.count }
        let fileQuotes = text.filter { $0 == "\"" }.count
        #expect(fileQuotes == fieldQuotes.reduce(0, +))
    }

    @Test func marksFieldsWrittenWithoutQuotesAsPlain() throws {
        // Plain fields are written back without a second look for commas and quotes, so a field counts as plain
        // only when it was unquoted and holds no stray quote, wherever the quote falls in an eight-byte word.
        let url = try TinyCorpus.write(
            "a,\"quoted\",stray\"quote,0123456789abcdef\"x,0123456789abcdefgh,\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url)
        #expect(try reader.nextRecord())
        #expect((0..<6).map(reader.isPlain) == [true, false, false, false, true, true])
        #expect(reader.isPlain(6) == false, "a field the record does not have is not known to be plain")
    }

    @Test func writesComposedFieldsAndNumbers() throws {
        let url = TinyCorpus.temporaryURL("out.csv")
        var writer = try CSVWriter(url: url)
        let names = JoinedNames(["Access, waiting", "Said \"thanks\"", "Staff"])
        names.write(bits: 0b101, into: &writer)
        names.write(bits: 0b100 | 1 << 10, into: &writer)  // bits past the last name are ignored
        names.write(bits: 0, into: &writer)
        names.write([2, 1], into: &writer)
        writer.writeField(0)
        writer.writeField(1_234_567_890)
        writer.writeField(-42)
        try writer.endRow()
        try writer.close()
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text == "\"Access, waiting;Staff\",Staff,,\"Staff;Said \"\"thanks\"\"\",0,1234567890,-42\r\n")
        #expect(
            try records(text) == [
                ["Access, waiting;Staff", "Staff", "", "Staff;Said \"thanks\"", "0", "1234567890", "-42"]
            ])
    }
}

@Suite struct CSVAnalysisTests {
    let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model

    func analyse(_ csv: String, skipBadRows: Bool = false) throws -> (rows: [[String]], summary: CSVAnalysis.Summary) {
        let input = try TinyCorpus.write(csv)
        let output = TinyCorpus.temporaryURL("out.csv")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        let analysis = CSVAnalysis(
            analyser: CommentAnalyser(model: model), textColumn: "comment", skipBadRows: skipBadRows)
        let summary = try analysis.run(input: input, output: output)
        let reader = try CSVReader(url: output)
        // The header as Heard's readers take it, without the byte-order mark the output starts with.
        var rows: [[String]] = [try reader.readHeader()]
        while try reader.nextRecord() { rows.append((0..<reader.fieldRanges.count).map { reader.string(at: $0) }) }
        return (rows, summary)
    }

    @Test func keepsInputColumnsAndAddsTheAnalysis() throws {
        let (rows, summary) = try analyse("id,comment\n1,\"Dr Patel was kind, the nurse was kind\"\n2,car park full\n")
        #expect(rows[0] == ["id", "comment"] + CSVAnalysis.addedColumns)
        #expect(rows[1][0] == "1")
        #expect(rows[1][2] == "Staff")
        #expect(rows[1][4].contains("compassion"))
        #expect(rows[1][6] == "name")
        #expect(rows[1][7] == "Dr [name] was kind, the nurse was kind")
        #expect(rows[2][2] == "Parking")
        #expect(rows[2][5] == "false")
        #expect(summary.rows == 2)
    }

    @Test func writesInputFieldsBackAsTheyWereReadWhateverTheirQuoting() throws {
        // A stray quote in an unquoted field, a quoted field that needs no quotes, and one that does.
        let csv = "id,comment\nrow \"one\",He said \"awful\" about it\n\"2\",\"car park, full\"\n"
        let input = try TinyCorpus.write(csv)
        let output = TinyCorpus.temporaryURL("out.csv")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        _ = try CSVAnalysis(analyser: CommentAnalyser(model: model), textColumn: "comment").run(
            input: input, output: output)
        let lines = String(decoding: try Data(contentsOf: output), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[1].hasPrefix("\"row \"\"one\"\"\",\"He said \"\"awful\"\" about it\","))
        #expect(lines[1].contains(",\"He said \"\"awful\"\" about it\","), "the redacted copy is quoted too")
        #expect(lines[2].hasPrefix("2,\"car park, full\","))
        let (rows, _) = try analyse(csv)
        #expect(rows[1][0] == "row \"one\"" && rows[1][1] == "He said \"awful\" about it")
        #expect(rows[1][7] == "He said \"awful\" about it")
        #expect(rows[2][0] == "2" && rows[2][1] == "car park, full" && rows[2][7] == "car park, full")
    }

    @Test func namesTheColumnsThatExistWhenTheTextColumnIsMissing() throws {
        let input = try TinyCorpus.write("id,feedback\n1,hello\n")
        let analysis = CSVAnalysis(analyser: CommentAnalyser(model: model), textColumn: "comment")
        #expect(throws: CSVError.missingColumn(name: "comment", available: ["id", "feedback"])) {
            try analysis.run(input: input, output: TinyCorpus.temporaryURL("out.csv"))
        }
        #expect(
            CSVError.missingColumn(name: "comment", available: ["id", "feedback"]).description.contains("\"feedback\""))
    }

    @Test func refusesToWriteOverItsOwnInput() throws {
        let text = "id,comment\n1,the nurse was kind\n"
        let input = try TinyCorpus.write(text)
        defer { try? FileManager.default.removeItem(at: input) }
        let analysis = CSVAnalysis(analyser: CommentAnalyser(model: model), textColumn: "comment")
        let roundabout = input.deletingLastPathComponent().appendingPathComponent(".")
            .appendingPathComponent(input.lastPathComponent)
        let link = TinyCorpus.temporaryURL("link.csv")
        try FileManager.default.linkItem(at: input, to: link)
        defer { try? FileManager.default.removeItem(at: link) }
        for output in [input, roundabout, URL(fileURLWithPath: roundabout.path), link] {
            #expect(throws: CSVError.outputIsInput(path: output.path)) {
                try analysis.run(input: input, output: output)
            }
        }
        #expect(try String(contentsOf: input, encoding: .utf8) == text, "the input is untouched")
    }

    @Test func reportsTheLineOfAMalformedRow() throws {
        #expect(throws: CSVError.wrongFieldCount(line: 3, expected: 2, found: 3)) {
            try analyse("id,comment\n1,fine\n2,too,many\n3,ok\n")
        }
        #expect(throws: CSVError.unexpectedCharacterAfterQuote(line: 3, field: 2, recordLine: 3)) {
            try analyse("id,comment\n1,fine\n2,\"bad\"x\n3,ok\n")
        }
    }

    @Test func skipsAndCountsBadRowsWhenAsked() throws {
        let (rows, summary) = try analyse("id,comment\n1,fine\n2,too,many\n3,\"bad\"x\n4,ok\n", skipBadRows: true)
        #expect(summary.skippedRows == 2)
        #expect(summary.skippedLines == [3, 4])
        #expect(summary.line.hasSuffix("2 bad rows skipped (lines 3, 4)"))
        #expect(rows.map { $0[0] } == ["id", "1", "4"])
    }

    @Test func theSummaryLineSaysOneRowNotOneRows() throws {
        let (_, summary) = try analyse("id,comment\n1,fine\n2,too,many\n", skipBadRows: true)
        #expect(summary.rows == 1)
        #expect(summary.line.hasPrefix("1 row in "), "\(summary.line)")
        #expect(summary.line.contains("0 duplicate clusters covering 0 comments"))
        #expect(summary.line.hasSuffix("1 bad row skipped (line 3)"), "\(summary.line)")
    }

    @Test func namesTheFirstTenSkippedLinesAndSaysWhenThereWereMore() throws {
        var text = "id,comment\n"
        for index in 1...12 { text += "\(index),too,many\n" }
        text += "13,ok\n"
        let (rows, summary) = try analyse(text, skipBadRows: true)
        #expect(rows.count == 2)
        #expect(summary.skippedRows == 12)
        #expect(summary.skippedLines == Array(2...11))
        #expect(summary.line.hasSuffix("12 bad rows skipped (first at lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)"))
    }

    @Test func analysesEmptyAndWhitespaceCommentsAsNoComment() throws {
        let (rows, summary) = try analyse("id,comment\n1,\n2,\"   \"\n3,\"\n\t\"\n")
        #expect(summary.noCommentRows == 3)
        for row in rows.dropFirst() {
            #expect(row[2] == "")
            #expect(row[3] == "")
            #expect(row[5] == "false")
        }
    }

    @Test func countsNonAnswersApartFromEmptyComments() throws {
        let comments = ["N/A", "", "Did not answer", "the nurse was kind", "n/a.", "Nothing", "  "]
        let csv =
            "id,comment\n" + comments.enumerated().map { "\($0.offset),\"\($0.element)\"" }.joined(separator: "\n")
        let (rows, summary) = try analyse(csv + "\n")
        let nonAnswers = comments.filter { NonAnswers.matches($0) }.count
        #expect(nonAnswers == 3, "\"Nothing\" is a real answer (see NonAnswers)")
        #expect(summary.nonAnswerRows == nonAnswers)
        #expect(summary.noCommentRows == 2, "a non-answer is not also counted as no comment")
        // A non-answer has no sentiment in the file: the count matches the rows the file says that of.
        let noSentiment = rows.dropFirst().filter { $0[1].trimmingCharacters(in: .whitespaces) != "" && $0[3] == "" }
        #expect(noSentiment.count == summary.nonAnswerRows)
        #expect(
            summary.line.contains(
                "; 2 with no comment; 3 non-answers (\"N/A\", \"Did not answer\" and the like); "),
            "\(summary.line)")
        let (_, one) = try analyse("id,comment\n1,N/A\n")
        #expect(one.line.contains("; 1 non-answer (\"N/A\""), "\(one.line)")
    }

    @Test func replacesAndCountsInvalidUTF8() throws {
        // A UTF-8 file ("naïve" is UTF-8) damaged in one place: not Windows-1252, so the bad bytes are replaced.
        var bytes = Array("id,comment\n0,naïve\n1,caf".utf8)
        bytes += [0xE9, 0xFF]
        bytes += Array(" rude staff\n".utf8)
        let input = TinyCorpus.temporaryURL("latin1.csv")
        try Data(bytes).write(to: input)
        let output = TinyCorpus.temporaryURL("out.csv")
        let summary = try CSVAnalysis(analyser: CommentAnalyser(model: model), textColumn: "comment")
            .run(input: input, output: output)
        #expect(summary.invalidUTF8Rows == 1 && !summary.readAsWindows1252)
        #expect(summary.line.contains("1 with invalid UTF-8 replaced by U+FFFD (line 3)"))
        let reader = try CSVReader(url: output)
        _ = try reader.readHeader()
        _ = try reader.nextRecord()
        _ = try reader.nextRecord()
        #expect(reader.string(at: 7) == "caf\u{FFFD}\u{FFFD} rude staff")
    }

    @Test func handlesAOneMegabyteComment() throws {
        let long = String(repeating: "the nurse was kind and we waited four hours. ", count: 1_048_576 / 45)
        let (rows, summary) = try analyse("id,comment\n1,\"\(long)\"\n2,car park full\n")
        #expect(summary.rows == 2)
        #expect(rows[1][7].utf8.count == long.utf8.count)
        #expect(rows[1][2].contains("Staff"))
    }

    @Test func givesCampaignCopiesOneCluster() throws {
        let campaign = "Please keep our local minor injuries unit open for the people of this town"
        let (rows, summary) = try analyse("id,comment\n1,\(campaign)\n2,car park full\n3,\(campaign)\n")
        #expect(rows[1][8] == rows[3][8])
        #expect(rows[1][8] != rows[2][8])
        #expect(summary.duplicateClusters == 1)
        #expect(summary.commentsInDuplicateClusters == 2)
    }
}

@Suite struct CSVAnalysisEncodingTests {
    let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model

    @Test(
        "a Windows-1252 file (Excel's CSV) is read as such, as heard import reads it, and the output starts with a UTF-8 BOM"
    )
    func readsWindows1252() throws {
        // "£5 parking – “awful”" and "Café" in Windows-1252: £ A3, en dash 96, curly quotes 93 94, é E9.
        var bytes = Array("ward,comment\r\nCaf".utf8) + [0xE9] + Array(",".utf8)
        bytes += [0xA3] + Array("5 parking ".utf8) + [0x96, 0x20, 0x93] + Array("awful".utf8) + [0x94]
        bytes += Array("\r\n".utf8)
        let input = TinyCorpus.temporaryURL("excel.csv")
        try Data(bytes).write(to: input)
        let output = TinyCorpus.temporaryURL("out.csv")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        let summary = try CSVAnalysis(analyser: CommentAnalyser(model: model), textColumn: "comment")
            .run(input: input, output: output)
        #expect(summary.readAsWindows1252 && summary.invalidUTF8Rows == 0)
        #expect(summary.line.contains("read as Windows-1252"), "\(summary.line)")
        let written = try Data(contentsOf: output)
        #expect(Array(written.prefix(3)) == [0xEF, 0xBB, 0xBF], "a UTF-8 byte-order mark, as Heard's downloads have")
        let reader = try CSVReader(url: output)
        #expect(try reader.readHeader().prefix(2) == ["ward", "comment"])
        #expect(try reader.nextRecord())
        #expect(reader.string(at: 0) == "Café", "a column copied through keeps its accent")
        #expect(reader.string(at: 1) == "£5 parking – “awful”")
        #expect(reader.string(at: 7) == "£5 parking – “awful”")
        #expect(
            try String(contentsOf: input, encoding: .windowsCP1252).hasPrefix("ward,comment"), "the input is untouched")
    }
}
