/// Groups identical and lightly edited comments (organised campaigns, copy-and-paste responses) into clusters.
///
/// Each added comment gets a cluster id (1, 2, 3, … in order of first appearance). Comments of at least
/// `minimumWords` words are compared by MinHash signatures of their word pairs: two comments join the same
/// cluster when their estimated word-pair overlap (Jaccard) is at least `similarity`. Shorter comments
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
    /// MinHash signatures of cluster representatives, `hashCount` per representative.
    private var signatures: [UInt32] = []
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
        signature.withUnsafeMutableBufferPointer { signature in
            Self.seeds.withUnsafeBufferPointer { seeds in
                for index in 1..<tokens.count {
                    let shingle = StableHash.combine(tokens[index - 1].hash, tokens[index].hash)
                    for slot in 0..<Self.hashCount {
                        let value = UInt32(truncatingIfNeeded: ((shingle ^ seeds[slot]) &* 0x9e37_79b9_7f4a_7c15) >> 32)
                        if value < signature[slot] { signature[slot] = value }
                    }
                }
            }
        }
        let required = Int((similarity * Double(Self.hashCount)).rounded(.up))
        let rows = Self.hashCount / Self.bandCount
        for band in 0..<Self.bandCount {
            var key = StableHash.mix(UInt64(band) &+ 0x6261_6e64)
            for row in 0..<rows { key = StableHash.combine(key, UInt64(signature[band * rows + row])) }
            bandKeys[band] = key
            guard let representative = bands.value(for: key) else { continue }
            let base = Int(representative) * Self.hashCount
            var equal = 0
            for slot in 0..<Self.hashCount where signatures[base + slot] == signature[slot] { equal += 1 }
            if equal >= required {
                let cluster = representativeCluster[Int(representative)]
                clusterSizes[Int(cluster)] += 1
                exactText.set(cluster, for: whole)
                return Int(cluster) + 1
            }
        }
        let id = newCluster()
        let representative = Int32(representativeCluster.count)
        representativeCluster.append(Int32(id - 1))
        signatures.append(contentsOf: signature)
        exactText.set(Int32(id - 1), for: whole)
        for band in 0..<Self.bandCount where bands.value(for: bandKeys[band]) == nil {
            bands.set(representative, for: bandKeys[band])
        }
        return id
    }

    private mutating func newCluster() -> Int {
        clusterSizes.append(1)
        return clusterSizes.count
    }
}
