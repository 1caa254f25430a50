namespace LlmPython.Resolver.Http;

/// <summary>
/// A response body that re-arms the try's read timer on every read that returns bytes, so a transfer fails
/// only when the server goes quiet for the read timeout, never because it is long. Counts the bytes of the try.
/// </summary>
internal sealed class ReadTimeoutStream(Stream inner, CancellationTokenSource timer, TimeSpan readTimeout, HttpContent original) : Stream
{
    /// <summary>Body bytes received in this try.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The try's token cancels a read stuck on a silent socket.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        return Count(await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        if (read > 0)
        {
            BytesRead += read;
            try { timer.CancelAfter(readTimeout); }
            catch (ObjectDisposedException) { }
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            original.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
