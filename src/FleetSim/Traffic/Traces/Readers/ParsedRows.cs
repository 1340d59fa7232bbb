using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace's records parsed into rows on a second thread, a batch at a time, so that reading and parsing
/// the file overlaps ordering the rows and the caller's own work. A few batches circulate between the two
/// threads, so memory stays bounded. Bad rows are skipped and counted here (with SkipBadRows) or end the
/// batches with the error, after the rows before them.
/// </summary>
internal sealed class ParsedRows : IDisposable
{
    private const int BatchRows = 1024;
    private const int Batches = 4;

    private readonly string _path;
    private readonly ITraceRecords _lines;
    private readonly RowReader _rows;
    private readonly bool _skipBadRows;
    private readonly BlockingCollection<RowBatch> _free = new(Batches), _full = new(Batches);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private bool _headerRead, _stopped;
    private long _rowsRead;

    public ParsedRows(string path, ITraceRecords lines, RowReader rows, bool skipBadRows)
    {
        _path = path;
        _lines = lines;
        _rows = rows;
        _skipBadRows = skipBadRows;
        _headerRead = !rows.HasHeader;
        for (var i = 0; i < Batches; i++) _free.Add(new RowBatch(BatchRows));
        _thread = new Thread(Run) { IsBackground = true, Name = "fleetsim trace parser" };
        _thread.Start();
    }

    /// <summary>The next batch, waiting for it; give it back with <see cref="Return"/> once read.</summary>
    public RowBatch Take() => _full.Take();

    /// <summary>Gives a batch back to be filled again.</summary>
    public void Return(RowBatch batch) => _free.Add(batch);

    /// <summary>Stops the parsing thread, then says what to throw for a problem at <paramref name="line"/> (see <see cref="TraceLines.Fail(long, string)"/>).</summary>
    public TraceException Fail(long line, string why)
    {
        Stop();
        return _lines.Fail(line, why);
    }

    public void Dispose()
    {
        Stop();
        _lines.Dispose();
        _stop.Dispose();
        _free.Dispose();
        _full.Dispose();
    }

    private void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        _stop.Cancel();
        _thread.Join();
    }

    private void Run()
    {
        try
        {
            var ended = false;
            while (!ended)
            {
                var batch = _free.Take(_stop.Token);
                batch.Clear();
                try
                {
                    Fill(batch);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    batch.Error = e;
                    batch.End = true;
                }
                batch.Dated = _rows.Dated;
                batch.Zoned = _rows.StampsHaveZone;
                ended = batch.End;
                _full.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Parses records into <paramref name="batch"/> until it is full, the file ends, or a bad row stops the read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(RowBatch batch)
    {
        while (!batch.IsFull)
        {
            if (!_lines.Next(out var record))
            {
                batch.End = true;
                if (!_headerRead) batch.Error = new TraceException(_path, 0, "empty file: no header");
                return;
            }
            if (!_headerRead)
            {
                ReadHeader(record);
                continue;
            }
            batch.RowsRead++;
            if (++_rowsRead > InputLimits.MaxTraceRows)
            {
                batch.Error = _lines.Fail(_lines.Line,
                    $"more than {InputLimits.MaxTraceRows:N0} rows: a trace holds at most {InputLimits.MaxTraceRows:N0} (split it, or aggregate it per minute)");
                batch.End = true;
                return;
            }
            var why = _rows.TryParse(record, out var row);
            if (why is not null)
            {
                if (_skipBadRows)
                {
                    batch.BadRows++;
                    continue;
                }
                batch.Error = _lines.Fail(_lines.Line, why);
                batch.End = true;
                return;
            }
            if (row.OtherModel)
            {
                batch.OtherModelRows++;
                if (!row.KeepsTime)
                {
                    continue;
                }
            }
            batch.Rows[batch.Count] = row;
            batch.Lines[batch.Count] = _lines.Line;
            batch.Count++;
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> record)
    {
        try
        {
            _rows.ReadHeader(TraceHeader.Of(_path, _lines.Line, Encoding.UTF8.GetString(record)));
        }
        catch (TraceException e)
        {
            throw _lines.Fail(e);
        }
        _headerRead = true;
    }
}
