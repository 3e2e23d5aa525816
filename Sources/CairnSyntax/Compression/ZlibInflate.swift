import CZlib
// Our own wrapper over the system zlib, for an output cap so a small input can't expand to gigabytes (compress-nio would bring in SwiftNIO).

/// Inflates a zlib stream (RFC 1950, as PNG `iTXt` and `zTXt` chunks hold compressed text), a
/// gzip member (RFC 1952, as status lists hold their bitstrings) or raw deflate data (RFC 1951,
/// as zip archives hold their entries), refusing output over a cap so a small input cannot
/// expand into gigabytes.
package enum ZlibInflate {
    /// The wrapper around the deflate data.
    package enum Wrapper {
        case zlib
        case gzip
        /// No wrapper: the deflate data alone.
        case raw

        /// zlib's `windowBits` for the wrapper: 15 (a 32 KiB window), plus 16 for gzip, negated for none.
        var windowBits: Int32 {
            switch self {
            case .zlib: 15
            case .gzip: 31
            case .raw: -15
            }
        }
    }

    package enum Failure: Error, Equatable {
        /// The output would exceed the cap.
        case tooLarge
        /// The stream is damaged or not zlib; zlib's message when it gives one.
        case corrupt(String)
        /// The stream ends before its end marker.
        case truncated
        /// Bytes follow the end of the stream.
        case trailingBytes
    }

    /// The inflated bytes of `input`, at most `limit` of them.
    package static func inflate(_ input: [UInt8], wrapper: Wrapper = .zlib, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard cairn_inflateInit2(&stream, wrapper.windowBits) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        var inputCopy = input
        var failure: Failure?
        inputCopy.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while status == Z_OK {
                buffer.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.avail_out)
                if output.count + produced > limit {
                    failure = .tooLarge
                    return
                }
                output.append(contentsOf: buffer[..<produced])
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    failure = .truncated
                    return
                }
                if status == Z_BUF_ERROR && produced > 0 { status = Z_OK }
            }
            switch status {
            case Z_STREAM_END:
                if stream.avail_in != 0 { failure = .trailingBytes }
            case Z_BUF_ERROR:
                failure = .truncated
            default:
                failure = .corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
            }
        }
        if let failure { throw failure }
        return output
    }
}
