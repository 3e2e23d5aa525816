import CZlib
// Over the system zlib, like ZlibInflate: status lists are gzip, and zlib is already linked.

/// Compresses bytes into a zlib stream (RFC 1950) or a gzip member (RFC 1952), as a W3C
/// Bitstring Status List's `encodedList` holds its bitstring.
///
/// The output is deterministic for a given zlib: the gzip header has no file name and a zero
/// modification time, so the same list always encodes to the same text.
package enum ZlibDeflate {
    /// The compressed form of `input`, at zlib's best compression (level 9 by default).
    ///
    /// The output buffer is sized with `deflateBound`, so one `deflate` call with `Z_FINISH`
    /// always completes; zlib then fails only when it cannot allocate its state, which, like
    /// any failed allocation in Swift, stops the program.
    package static func deflate(_ input: [UInt8], wrapper: ZlibInflate.Wrapper = .zlib, level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        let started = cairn_deflateInit2(&stream, level, wrapper.windowBits)
        precondition(started == Z_OK, "zlib could not start deflating (\(started)): out of memory")
        defer { deflateEnd(&stream) }
        // deflateBound does not count the gzip header and trailer (18 bytes) beyond the zlib ones.
        let capacity = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: capacity)
        var source = input
        var status: Int32 = Z_OK
        source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                status = CZlib.deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib did not finish deflating into a deflateBound buffer (\(status))")
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
