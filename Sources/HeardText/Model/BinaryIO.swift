/// Little-endian writing and bounds-checked reading of the model file's binary sections.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Float) { write(value.bitPattern) }

    mutating func write(contentsOf values: [Float]) {
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for value in values { write(value.bitPattern) }
    }

    mutating func write<T: FixedWidthInteger>(contentsOf values: [T]) {
        bytes.reserveCapacity(bytes.count + values.count * MemoryLayout<T>.size)
        for value in values { write(value) }
    }

    mutating func write(raw: [UInt8]) { bytes.append(contentsOf: raw) }
}

struct BinaryReader {
    enum Failure: Error { case truncated }

    let buffer: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var remaining: Int { buffer.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw Failure.truncated }
        let value = buffer.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    mutating func readFloat() throws -> Float { Float(bitPattern: try read(UInt32.self)) }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type, count: Int) throws -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, remaining >= count * size else { throw Failure.truncated }
        let base = offset
        let values = [T](unsafeUninitializedCapacity: count) { output, initialised in
            for index in 0..<count {
                output[index] = T(littleEndian: buffer.loadUnaligned(fromByteOffset: base + index * size, as: T.self))
            }
            initialised = count
        }
        offset += count * size
        return values
    }

    mutating func readFloats(count: Int) throws -> [Float] {
        try readArray(UInt32.self, count: count).map(Float.init(bitPattern:))
    }

    mutating func readBytes(count: Int) throws -> [UInt8] { try readArray(UInt8.self, count: count) }
}
