/// Analyses comments with a model: themes, sentiment, relational care, urgency and personal data.
public struct CommentAnalyser: Sendable {
    public let model: TextModel
    private let redactor = Redactor()
    /// Kept here rather than read from the lazily initialised global for every comment.
    private let cueMatcher = AnalysisCues.matcher
    /// For each label head, the relational flag bits its theme raises.
    private let relationalBitsByHead: [UInt64]
    private let sentimentHeadStart: Int
    /// Multi-label thresholds in lanes of 16 matching `AnalysisWorkspace.scores`, with +∞ for the sentiment heads
    /// and the padding, so a whole lane of heads is compared at once.
    private let thresholdLanes: [SIMD16<Float>]

    public init(model: TextModel) {
        self.model = model
        relationalBitsByHead = model.metadata.headLabels.map { label in
            guard let flag = RelationalRules.flag(forTheme: model.metadata.labels[label]) else { return 0 }
            return 1 << UInt64(RelationalFlag.allCases.firstIndex(of: flag)!)
        }
        sentimentHeadStart = model.labelHeadCount
        var thresholds = [Float](repeating: .infinity, count: max(1, (model.headCount + 15) / 16) * 16)
        if model.metadata.kind == .multiLabel {
            for head in 0..<model.labelHeadCount { thresholds[head] = model.metadata.thresholds[head] }
        }
        thresholdLanes = ScoringTable.lanes(thresholds)
    }

    /// Analyses one comment. `question` is the question it answers, used when the model was trained with one.
    public func analyse(_ text: String, question: String? = nil) -> CommentAnalysis {
        var workspace = AnalysisWorkspace(headCount: model.headCount)
        let questionHash = question.flatMap(FeatureExtractor.questionHash)
        var source = text
        let raw = source.withUTF8 { analyse($0, question: questionHash, workspace: &workspace, redact: true) }
        if raw.isNoComment { return .noComment }
        return CommentAnalysis(
            themes: workspace.labelHeads.map { model.metadata.labels[model.metadata.headLabels[$0]] },
            sentiment: raw.sentiment,
            relational: RelationalFlag.allCases.enumerated().filter { raw.relational & (1 << UInt64($0.offset)) != 0 }
                .map(\.element),
            isUrgent: raw.urgent != 0,
            urgentReasons: UrgentCues.reasons.enumerated().filter { raw.urgent & (1 << UInt64($0.offset)) != 0 }
                .map(\.element),
            personalData: raw.personalData.kinds,
            redactedText: raw.personalData.isEmpty ? text : String(decoding: workspace.redacted, as: UTF8.self),
            isNoComment: false, mayNotBeEnglish: mayNotBeEnglish(workspace))
    }

    /// Checked only here, for one comment at a time (the app), not on the batch path `heard analyse` runs.
    private func mayNotBeEnglish(_ workspace: AnalysisWorkspace) -> Bool {
        workspace.tokens.withUnsafeBufferPointer { tokens in
            workspace.normalised.withUnsafeBufferPointer { bytes in
                LanguageCheck.mayNotBeEnglish(tokens, bytes: bytes, vocabulary: model.wordTable)
            }
        }
    }

    /// Hot path: analyses UTF-8 bytes, leaving label heads and redacted bytes in `workspace`. When no personal
    /// data was found, `workspace.redacted` stays empty: the text is its own redacted copy.
    func analyse(
        _ bytes: UnsafeBufferPointer<UInt8>, question: UInt64?, workspace: inout AnalysisWorkspace, redact: Bool
    ) -> RawAnalysis {
        workspace.labelHeads.removeAll(keepingCapacity: true)
        workspace.redacted.removeAll(keepingCapacity: true)
        let clues = Tokeniser.shared.tokeniseNotingClues(bytes, into: &workspace.tokens, bytes: &workspace.normalised)
        if workspace.tokens.isEmpty {
            return RawAnalysis(
                isNoComment: true, sentiment: CommentAnalysis.noCommentSentiment, relational: 0, urgent: 0,
                personalData: PersonalDataKinds())
        }
        let cues = workspace.tokens.withUnsafeBufferPointer { cueMatcher.matches($0) }
        var personalData = PersonalDataKinds()
        if redact {
            let cueWordSeen = cues & AnalysisCues.nameCueBit != 0
            let mayContainName =
                cues & AnalysisCues.lowerCaseNameCueBit != 0
                || workspace.tokens.withUnsafeBufferPointer { NameCues.mayPrecedeName($0, cueWordSeen: cueWordSeen) }
            personalData = redactor.redactIfNeeded(
                bytes, into: &workspace.redacted, clues: clues, mayContainName: mayContainName,
                mayContainSocialHandle: cues & AnalysisCues.socialPlatformBit != 0,
                mayContainSpelledContact: cues & AnalysisCues.spelledContactBit != 0)
        }
        let featureCount = workspace.tokens.withUnsafeBufferPointer { tokens in
            workspace.normalised.withUnsafeBufferPointer { normalised in
                model.extractor.extract(
                    tokens: tokens, bytes: normalised, question: question, buffer: &workspace.features)
            }
        }
        let tokenCount = workspace.tokens.count
        if workspace.hits.count < featureCount + tokenCount {
            workspace.hits = [Int32](repeating: 0, count: (featureCount + tokenCount) * 2)
            workspace.probes = [ScoringTable.Slot](
                repeating: ScoringTable.Slot(fingerprint: 0, row: -1), count: (featureCount + tokenCount) * 2)
        }
        if workspace.wordHashes.count < tokenCount {
            workspace.wordHashes = [UInt64](repeating: 0, count: tokenCount * 2)
        }
        workspace.features.withUnsafeBufferPointer { allFeatures in
            let features = UnsafeBufferPointer(rebasing: allFeatures[0..<featureCount])
            workspace.tokens.withUnsafeBufferPointer { tokens in
                workspace.wordHashes.withUnsafeMutableBufferPointer { wordHashes in
                    workspace.scores.withUnsafeMutableBufferPointer { scores in
                        workspace.totals.withUnsafeMutableBufferPointer { totals in
                            workspace.hits.withUnsafeMutableBufferPointer { hits in
                                workspace.probes.withUnsafeMutableBufferPointer { probes in
                                    model.score(
                                        features, words: tokens, wordHashes: wordHashes, into: scores,
                                        totals: totals, hits: hits, probes: probes)
                                }
                            }
                        }
                    }
                }
            }
        }
        chooseLabels(&workspace)
        var relational: UInt64 = 0
        for head in workspace.labelHeads { relational |= relationalBitsByHead[head] }
        let urgent = AnalysisCues.urgent(cues)
        relational |= AnalysisCues.relational(cues)
        // A non-answer ("Did not answer", "N/A") keeps its themes (e.g. "Labelling not possible") but has no
        // sentiment.
        let nonAnswer = workspace.tokens.withUnsafeBufferPointer { NonAnswers.matches($0) }
        // A short comment that plainly says care went wrong is never called positive (see `SentimentCues`), and
        // nor is a short disclosure of risk ("I want to end my life", "My carer hit me"): the words that flag it
        // urgent are its negative cue.
        let sentiment =
            nonAnswer
            ? CommentAnalysis.noCommentSentiment
            : SentimentCues.adjusted(
                sentiment(workspace.scores),
                negativeCue: cues & AnalysisCues.negativeSentimentBit != 0 || urgent != 0,
                positiveCue: cues & AnalysisCues.positiveSentimentBit != 0, wordCount: workspace.tokens.count,
                classes: model.metadata.sentimentClasses)
        return RawAnalysis(
            isNoComment: false, isNonAnswer: nonAnswer, sentiment: sentiment, relational: relational, urgent: urgent,
            personalData: personalData)
    }

    private func chooseLabels(_ workspace: inout AnalysisWorkspace) {
        let metadata = model.metadata
        let heads = metadata.headLabels.count
        guard heads > 0 else { return }
        let scores = workspace.scores
        if metadata.kind == .singleLabel {
            let offsets = metadata.thresholds
            var best = 0
            for head in 1..<heads where scores[head] - offsets[head] > scores[best] - offsets[best] { best = head }
            workspace.labelHeads.append(best)
            return
        }
        // Most heads are far below their thresholds: compare sixteen at a time, and look closer only at a lane
        // where one passes.
        workspace.scores.withUnsafeBytes { scores in
            thresholdLanes.withUnsafeBufferPointer { thresholds in
                for lane in 0..<thresholds.count {
                    let offset = lane * MemoryLayout<SIMD16<Float>>.stride
                    let passing =
                        scores.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) .> thresholds[lane]
                    guard any(passing) else { continue }
                    for index in 0..<16 where passing[index] { workspace.labelHeads.append(lane * 16 + index) }
                }
            }
        }
        guard workspace.labelHeads.isEmpty && metadata.assignBestWhenNone else { return }
        var best = 0
        for head in 1..<heads
        where scores[head] - metadata.thresholds[head] > scores[best] - metadata.thresholds[best] {
            best = head
        }
        workspace.labelHeads.append(best)
    }

    private func sentiment(_ scores: [Float]) -> Int {
        let classes = model.metadata.sentimentClasses
        guard !classes.isEmpty else { return CommentAnalysis.noCommentSentiment }
        let offsets = model.metadata.sentimentOffsets
        var best = 0
        for index in 1..<classes.count
        where scores[sentimentHeadStart + index] - offsets[index] > scores[sentimentHeadStart + best] - offsets[best] {
            best = index
        }
        return classes[best]
    }
}
