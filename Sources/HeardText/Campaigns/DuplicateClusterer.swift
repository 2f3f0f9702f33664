/// Groups identical and lightly edited comments (organised campaigns, copy-and-paste responses) into clusters.
///
/// Each added comment gets a cluster id (1, 2, 3, … in order of first appearance). Comments of at least
/// `minimumWords` words are compared on their word pairs: MinHash signatures find candidate clusters, and a
/// comment joins the candidate whose representative's distinct word pairs overlap its own most (Jaccard), when
/// that overlap is at least `similarity`. Answers sharing one sentence of two stay apart. Shorter comments
/// ("Very good", "Nothing") each get their own cluster: short answers coincide by chance, so treating
/// them as a campaign would mislead. Memory grows with the number of distinct long comments, not rows.
public struct DuplicateClusterer: Sendable {
    public let minimumWords: Int
    public let similarity: Double
    /// Size of each cluster so far; `clusterSizes[id - 1]` for cluster `id`.
    public private(set) var clusterSizes: [Int] = []

    static let hashCount = 8
    static let bandCount = 4
    private static let seeds: [UInt64] = (0..<hashCount).map { StableHash.mix(UInt64($0) &+ 0x5851_f42d_4c95_7f2d) }

    private var exactText = FlatHashMap(minimumCapacity: 1024)
    private var bands = FlatHashMap(minimumCapacity: 1024)
    /// Word pairs of each cluster representative (16-bit fingerprints), one after another; representative `r`'s
    /// end at `shingleEnds[r]`. Kept so a candidate is confirmed on the word pairs themselves.
    private var shingles: [UInt16] = []
    private var shingleEnds: [Int] = []
    /// Reused when confirming a candidate.
    private var ours: [UInt16] = []
    private var theirs: [UInt16] = []
    private var representativeCluster: [Int32] = []
    private var tokens: [Token] = []
    private var bytes: [UInt8] = []
    /// Reused per comment so the hot path does not allocate.
    private var signature = [UInt32](repeating: .max, count: hashCount)
    private var bandKeys = [UInt64](repeating: 0, count: bandCount)

    public init(minimumWords: Int = 5, similarity: Double = 0.6) {
        self.minimumWords = minimumWords
        self.similarity = similarity
    }

    /// Number of clusters so far.
    public var clusterCount: Int { clusterSizes.count }

    /// Size of cluster `id` (1-based), as it stands.
    public func size(of id: Int) -> Int { clusterSizes[id - 1] }

    /// Adds a comment and returns its cluster id.
    public mutating func add(_ text: String) -> Int {
        var source = text
        var tokens = self.tokens
        var bytes = self.bytes
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        let id = tokens.withUnsafeBufferPointer { add(tokens: $0) }
        self.tokens = tokens
        self.bytes = bytes
        return id
    }

    /// Clusters a whole batch: the cluster id of each text and the size of each cluster.
    public static func cluster(
        _ texts: [String], minimumWords: Int = 5, similarity: Double = 0.6
    ) -> (
        ids: [Int], sizes: [Int]
    ) {
        var clusterer = DuplicateClusterer(minimumWords: minimumWords, similarity: similarity)
        let ids = texts.map { clusterer.add($0) }
        return (ids, clusterer.clusterSizes)
    }

    /// Hot path: adds an already tokenised comment.
    mutating func add(tokens: UnsafeBufferPointer<Token>) -> Int {
        guard tokens.count >= minimumWords else { return newCluster() }
        // A polynomial over the token hashes (one multiply-add per word on the dependency chain, rather than a
        // full mix), finalised once: the identity of the exact word sequence.
        var whole: UInt64 = 0x7465_7874
        for token in tokens { whole = whole &* 0x9e37_79b9_7f4a_7c15 &+ token.hash }
        whole = StableHash.mix(whole)
        if let cluster = exactText.value(for: whole) {
            clusterSizes[Int(cluster)] += 1
            return Int(cluster) + 1
        }
        for slot in 0..<Self.hashCount { signature[slot] = .max }
        let firstShingle = shingles.count
        // Taken out for the loop (no copy) so appending does not overlap the access to `signature`.
        var pairs: [UInt16] = []
        swap(&pairs, &shingles)
        signature.withUnsafeMutableBufferPointer { signature in
            Self.seeds.withUnsafeBufferPointer { seeds in
                for index in 1..<tokens.count {
                    let shingle = StableHash.combine(tokens[index - 1].hash, tokens[index].hash)
                    pairs.append(UInt16(truncatingIfNeeded: shingle >> 48))
                    for slot in 0..<Self.hashCount {
                        let value = UInt32(truncatingIfNeeded: ((shingle ^ seeds[slot]) &* 0x9e37_79b9_7f4a_7c15) >> 32)
                        if value < signature[slot] { signature[slot] = value }
                    }
                }
            }
        }
        swap(&pairs, &shingles)
        // The bands only find candidates (representatives agreeing on two hashes in a row); the word pairs
        // themselves decide. Two answers sharing one of their two sentences often agree on a band, and eight
        // hashes estimate the overlap too roughly to tell them from a lightly edited copy.
        let rows = Self.hashCount / Self.bandCount
        var best: (representative: Int32, similarity: Double)?
        for band in 0..<Self.bandCount {
            var key = StableHash.mix(UInt64(band) &+ 0x6261_6e64)
            for row in 0..<rows { key = StableHash.combine(key, UInt64(signature[band * rows + row])) }
            bandKeys[band] = key
            guard let representative = bands.value(for: key), representative != best?.representative else {
                continue
            }
            let overlap = wordPairOverlap(representative, withShinglesFrom: firstShingle)
            if overlap >= similarity && overlap > best?.similarity ?? -1 { best = (representative, overlap) }
        }
        if let best {
            shingles.removeSubrange(firstShingle...)
            let cluster = representativeCluster[Int(best.representative)]
            clusterSizes[Int(cluster)] += 1
            exactText.set(cluster, for: whole)
            return Int(cluster) + 1
        }
        let id = newCluster()
        let representative = Int32(representativeCluster.count)
        representativeCluster.append(Int32(id - 1))
        shingleEnds.append(shingles.count)
        exactText.set(Int32(id - 1), for: whole)
        for band in 0..<Self.bandCount where bands.value(for: bandKeys[band]) == nil {
            bands.set(representative, for: bandKeys[band])
        }
        return id
    }

    /// Jaccard overlap of the distinct word pairs of a representative and of the comment being added (its word
    /// pairs are the last ones in `shingles`, from `start`). Only run for band candidates; sorts into reused
    /// buffers, so it does not allocate.
    private mutating func wordPairOverlap(_ representative: Int32, withShinglesFrom start: Int) -> Double {
        let index = Int(representative)
        let lower = index == 0 ? 0 : shingleEnds[index - 1]
        Self.sortedDistinct(shingles[start...], into: &ours)
        Self.sortedDistinct(shingles[lower..<shingleEnds[index]], into: &theirs)
        var shared = 0
        var i = 0
        var j = 0
        while i < ours.count && j < theirs.count {
            if ours[i] == theirs[j] {
                shared += 1
                i += 1
                j += 1
            } else if ours[i] < theirs[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(ours.count + theirs.count - shared)
    }

    private static func sortedDistinct(_ pairs: ArraySlice<UInt16>, into buffer: inout [UInt16]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: pairs)
        buffer.sort()
        var kept = 0
        for index in buffer.indices where kept == 0 || buffer[kept - 1] != buffer[index] {
            buffer[kept] = buffer[index]
            kept += 1
        }
        buffer.removeLast(buffer.count - kept)
    }

    private mutating func newCluster() -> Int {
        clusterSizes.append(1)
        return clusterSizes.count
    }
}
