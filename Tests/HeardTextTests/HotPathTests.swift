import Foundation
import Testing

@testable import HeardText

/// The shortcuts of the hot path must give exactly what the plain computation gives.
@Suite struct HotPathTests {
    /// A deterministic pseudo-random Float in -1...1.
    static func value(_ index: Int) -> Float {
        Float(Int(truncatingIfNeeded: StableHash.mix(UInt64(index)) % 20_001) - 10_000) / 10_000
    }

    /// Head counts exercising one lane, a lane plus tail heads, two lanes plus a tail (the default model's
    /// 33) and three full lanes.
    @Test(arguments: [1, 9, 17, 18, 33, 40])
    func scoringTableSumsWhatTheFloatWeightsSay(heads: Int) {
        let keys: [UInt64] = (0..<300).map { StableHash.mix(UInt64($0) &+ 77) }
        let idf: [Float] = (0..<300).map { 1 + abs(Self.value($0 + 5_000)) * 6 }
        let weights: [Float] = (0..<(300 * heads)).map { Self.value($0) }
        let table = ScoringTable(keys: keys, idf: idf, weights: weights, heads: heads)
        // Forty features, some repeated and some the model does not know.
        let features: [UInt64] = (0..<40).map { (index: Int) -> UInt64 in
            index % 7 == 6 ? StableHash.mix(UInt64(90_000 + index)) : keys[(index * 37) % 300]
        }
        var probes = [ScoringTable.Slot](repeating: ScoringTable.Slot(fingerprint: 0, row: -1), count: 40)
        var hits = [Int32](repeating: 0, count: 40)
        var totals = [SIMD16<Int32>](repeating: SIMD16(repeating: 0), count: (heads + 15) / 16)
        let found = features.withUnsafeBufferPointer { features in
            probes.withUnsafeMutableBufferPointer { probes in
                hits.withUnsafeMutableBufferPointer { table.findAll(features, firstProbes: probes, rows: $0) }
            }
        }
        #expect(found == features.filter { keys.contains($0) }.count)
        let squaredNorm = hits.withUnsafeBufferPointer { hits in
            totals.withUnsafeMutableBufferPointer {
                table.sum(UnsafeBufferPointer(rebasing: hits[0..<found]), into: $0)
            }
        }
        var expectedNorm: Float = 0
        for row in hits[0..<found] { expectedNorm += idf[Int(row)] * idf[Int(row)] }
        #expect(abs(squaredNorm - expectedNorm) <= expectedNorm * 1e-5)
        for head in 0..<heads {
            var expected: Float = 0
            var largest: Float = 0
            for row in 0..<300 { largest = max(largest, abs(weights[row * heads + head] * idf[row])) }
            for row in hits[0..<found] { expected += weights[Int(row) * heads + head] * idf[Int(row)] }
            let scored = Float(totals[head >> 4][head & 15]) * table.scales[head]
            // Each feature is off by at most half a quantisation step (largest / 2047 / 2).
            #expect(abs(scored - expected) <= Float(found) * largest / 4094 + 1e-4)
        }
    }

    @Test func tokeniserNotesDigitsAtSignsAndCapitals() {
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        func clues(_ text: String) -> TextClues {
            var source = text
            return source.withUTF8 { Tokeniser.shared.tokeniseNotingClues($0, into: &tokens, bytes: &bytes) }
        }
        #expect(clues("waited four hours") == TextClues(hasDigit: false, hasAt: false))
        #expect(clues("see facebook.com/jane") == TextClues(hasLinkSlash: true, hasInnerDot: true))
        #expect(clues("https://x") == TextClues(hasLinkSlash: true))
        #expect(clues("and/or he/she") == TextClues())
        #expect(clues("waited 4 hours") == TextClues(hasDigit: true, hasAt: false))
        #expect(clues("write to a@b.com") == TextClues(hasDigit: false, hasAt: true))
        #expect(clues("ref ９４３") == TextClues(hasDigit: true, hasAt: false, hasLookalike: true))
        #expect(clues("a＠b.com") == TextClues(hasDigit: false, hasAt: true, hasLookalike: true, hasInnerDot: true))
        // A full stop between letters, not an initialism or a sentence's end.
        #expect(clues("jo.bloggs at nhs.net") == TextClues(hasInnerDot: true))
        #expect(clues("the g.p. was kind. Then home") == TextClues())
        #expect(clues("at\u{A0}home") == TextClues(hasDigit: false, hasAt: false, hasLookalike: true))
        #expect(clues("café — “lovely” ’") == TextClues())
        _ = clues("nurse Jane was kind")
        #expect(tokens.map(\.startsUpper) == [false, true, false, false])
    }

    @Test func redactsThroughTheAnalyserExactlyAsTheRedactorDoes() throws {
        let analyser = CommentAnalyser(model: try TextModel.loadDefault())
        let texts = [
            "Dr patel was great", "nurse Jane Smith helped me", "my husband john was there", "nurse was kind",
            "call 07700 900123 please", "email me at someone@example.com", "ward 23 waited 10 hours",
            "NHS number 943 476 5919",
            "postcode LS1 4AP", "A&E nurse Jane", "The doctor was lovely", "Mrs smith on reception",
            "ref 943.476.5919", "My NHS number is 943 476 5918", "postcode LS1  4AP", "postcode LS1\u{A0}4AP",
            "NHS no ９４３ ４７６ ５９１９", "call ０７７００ ９００１２３", "write to ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ",
            "Dr\u{A0}Patel was kind", "at\u{A0}home by 10\u{A0}am", "ward ２３ waited １０ hours",
            "My name is Sarah Jones and my son Tom Jones was treated badly", "my name's Sarah", "call me Sarah",
            "Hi, this is Sarah writing", "Signed Sarah Jones", "Thank you, from Sarah xx", "I came from Leeds",
            "my name is on the list", "my mum Jean", "Flat 3, 21 Park Road", "I live at 12 Acacia Avenue",
            "from Sarah", "This is Great", "I am Zelda Quibble", "I'm Zelda Quibble, thanks", "im Zelda Quibble",
            "I am British Asian", "I Am Disgusted By It",
            "NHS number 94347 65919", "NHS number: 943 4765 919", "nhs number: 9434 7659 19",
            "my nhs no is 943476 5919",
            "NHS number: 943 476 591 9", "NHS number 943 476 5919 and ward 23", "ref 94347 65919",
            "NHS no: 12.03.2023 10.30", "NHS number ９４３４７ ６５９１９", "my mobile is 7700 900982", "call me on 7700900982",
            "mob: 7700 900 982", "waited 7 hours", "7700 people", "ref 7700 900982", "NHS number is 7700900982",
            "my mobile is ７７００ ９００９８２",
            "My NI number is AB 12 34 56 C.", "NINO: AB123456", "hospital no. RJ1 2345678", "MRN: 0012345",
            "I tweeted @jane_smith87", "seen @ 3pm", "cared for @home", "see facebook.com/jane.smith.99 please",
            "https://www.instagram.com/jane_s/", "24/7 care and/or", "a nurse called jane", "my name is sarah",
            "the nurse called back", "my husband ian Smith", "hi this is sarah writing", "signed karen",
            "call me jo", "my name's ellie", "thanks from jane", "husband will",
            "the nurse called jane-marie was rude", "The Nurse Called Jane", "NI AB-12-34-56-C",
            "the receptionist, sarah, was rude", "the nurse, Bryony Smith, was lovely",
            "the receptionist, However, was",
            "a nurse called jane smith was rude", "my husband ian was", "the nurse called Harrogate",
            "I called Leeds General", "my insta is jane_smith87", "find me on tiktok jane_s99", "my insta is private",
            "@jane@mastodon.social", "follow jane.bsky.social", "Jane.bsky.social", "hospital number RVH 123 456 7",
            "my snapchat username is janesmith", "ＭＲＮ ＲＶＨ １２３４５６７", "my insta is ｊａｎｅ＿ｓ",
            "a nurse called jane reed", "my husband ian kelly was there", "the receptionist, Bryony was rude",
            "see mastodon.social/@jane_s", "https://bsky.app/profile/jane.bsky.social", "my username is janesmith",
            "find me on X as janesmith", "find me on Instagram as janesmith", "MRN rvh 1234567",
            "hospital number abcd1234567", "my son jack really needs help", "the nurse, Overall great",
            "email jo dot bloggs at gmail dot com", "jo.bloggs(at)gmail(dot)com please", "jobloggs at hotmail.com",
            "ring oh seven seven double oh, nine double oh, nine eight two", "call 07700 nine double oh nine eight two",
            "I looked at bbc dot co dot uk", "plus four four seven seven double oh nine double oh nine eight two",
            "my mobile is seven seven zero zero nine double oh nine eight two", "seven or eight times",
            "jobloggs at yahoo", "email me at jo.bloggs at hotmail", "my husband works at yahoo",
            "please write to jo bloggs at gmail dot com", "thank you nurse, Food was cold",
            "the nurse, Felicity was lovely",
            "jobloggs87 at live", "jo.bloggs at sky", "I was at sky", "my son works at sky", "JoBloggs at Gmail",
            "mary jo bloggs at gmail dot com", "seven 700 900 982", "seven 2 hours", "e-mail me jobloggs at live",
        ]
        for text in texts {
            let expected = Redactor().redact(text)
            let analysis = analyser.analyse(text)
            #expect(analysis.redactedText == expected.text, "\(text)")
            #expect(analysis.personalData == expected.kinds, "\(text)")
        }
    }

    /// Scores are turned from integer totals to floats sixteen heads at a time, and themes are picked sixteen at a
    /// time: both must give what the plain per-head formula gives, for every head count's lane layout.
    @Test(arguments: [9, 17, 18, 33, 40])
    func scoresAndThemesAreWhatThePerHeadFormulaGives(heads: Int) throws {
        var corpus = TinyCorpus.comments()
        // Widen the taxonomy to `heads` label heads: each extra theme copies an existing one's labels, rotated.
        let base = corpus.labelNames.count
        corpus.labelNames += (base..<heads).map { "Theme \($0)" }
        corpus.labels = corpus.labels.enumerated().map { row, labels in
            labels + (base..<heads).filter { (row + $0) % 3 == 0 }.map { $0 }
        }
        var options = TinyCorpus.options()
        options.minimumExamples = 1
        options.wordVectorWeight = 0  // so that the score is exactly the formula below
        let model = Trainer(options: options).train(corpus).model
        let analyser = CommentAnalyser(model: model)
        var workspace = AnalysisWorkspace(headCount: model.headCount)
        for text in corpus.texts {
            var source = text
            _ = source.withUTF8 { analyser.analyse($0, question: nil, workspace: &workspace, redact: false) }
            let features = workspace.tokens.withUnsafeBufferPointer { tokens in
                workspace.normalised.withUnsafeBufferPointer { bytes in
                    var features: [UInt64] = []
                    model.extractor.extract(tokens: tokens, bytes: bytes, question: nil, into: &features)
                    return features
                }
            }
            var totals = [SIMD16<Int32>](repeating: SIMD16(repeating: 0), count: (model.headCount + 15) / 16)
            let hits = features.compactMap { model.table.find($0) }
            let squaredNorm = hits.withUnsafeBufferPointer { hits in
                totals.withUnsafeMutableBufferPointer { model.table.sum(hits, into: $0) }
            }
            let normaliser: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
            for head in 0..<model.headCount {
                var expected = Float(totals[head >> 4][head & 15]) * model.table.scales[head] * normaliser
                expected += model.bias[head]
                #expect(workspace.scores[head] == expected, "head \(head): \(text)")
            }
            let thresholds = model.metadata.thresholds
            var expectedHeads = (0..<model.labelHeadCount).filter { workspace.scores[$0] - thresholds[$0] > 0 }
            if expectedHeads.isEmpty && model.metadata.assignBestWhenNone {
                expectedHeads = [
                    (0..<model.labelHeadCount).max {
                        workspace.scores[$0] - thresholds[$0] < workspace.scores[$1] - thresholds[$1]
                    }!
                ]
            }
            #expect(workspace.labelHeads == expectedHeads, "\(text)")
        }
    }

    @Test func writerHandlesAFieldLargerThanItsBuffer() throws {
        let url = TinyCorpus.temporaryURL("big.csv")
        var writer = try CSVWriter(url: url, flushThreshold: 64)
        let big = String(repeating: "a \"quoted\", long field ", count: 200)
        let rows = [["short", big, ""], ["", "x", big]]
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        let reader = try CSVReader(url: url)
        var read: [[String]] = []
        while try reader.nextRecord() { read.append((0..<reader.fieldRanges.count).map { reader.string(at: $0) }) }
        #expect(read == rows)
    }
}

@Suite struct NonAnswerTests {
    @Test func recognisesWholeCommentsThatSayNothing() {
        for text in ["Did not answer", "did not answer.", "N/A", "n/a.", "NA", "No comment", "Nil", "didnt answer"] {
            #expect(NonAnswers.matches(text), "\(text)")
        }
        for text in ["Nothing", "No", "None", "Did not answer the phone", "n/a for me, all good", "", "Not sure"] {
            #expect(!NonAnswers.matches(text), "\(text)")
        }
    }

    @Test func nonAnswersKeepTheirThemesButHaveNoSentiment() throws {
        let analyser = CommentAnalyser(model: try TextModel.loadDefault())
        let didNotAnswer = analyser.analyse("Did not answer", question: "What could we improve?")
        #expect(didNotAnswer.sentiment == CommentAnalysis.noCommentSentiment)
        #expect(didNotAnswer.themes == ["Labelling not possible"])
        #expect(!didNotAnswer.isNoComment)
        #expect(analyser.analyse("N/A").sentiment == CommentAnalysis.noCommentSentiment)
        // "Nothing" to "what could we improve" is an answer, and a positive one.
        #expect(analyser.analyse("Nothing", question: "What could we improve?").sentiment != 0)
    }

    @Test func trainingCountsNonAnswersAsHavingNoSentimentToo() throws {
        var comments = TinyCorpus.comments()
        comments.texts[0] = "N/A"
        let result = Trainer(options: TinyCorpus.options()).train(comments)
        let crossFitted = try #require(result.crossFitted)
        #expect((0...1).contains(crossFitted.macroF1))
        #expect(result.crossValidation?.rows == crossFitted.rows)
    }
}
