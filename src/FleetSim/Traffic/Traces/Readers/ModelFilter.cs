namespace FleetSim.Traffic.Traces;

/// <summary>A reader of a format with a model column: it notes the model of every row in <see cref="Models"/>.</summary>
internal interface IReadsModels
{
    ModelTally Models { get; }
}

/// <summary>
/// The model filter's two checks around a read (TraceOptions.Model): a format without a model column refuses a
/// model at once, and at the end of a read the models met go into the stats (so a caller can say a file mixes
/// models), and a model that matched no row ends the read with an error listing the models the file has.
/// </summary>
internal static class ModelFilter
{
    /// <summary>
    /// <paramref name="requests"/>, passed through; throws a <see cref="TraceException"/> at once when a model
    /// is asked of a format without a model column, and after the last request when it matched no row.
    /// </summary>
    public static IEnumerable<TraceRequest> Around(string path, TraceFormat format, RowReader rows, TraceOptions options,
                                                   TraceStats stats, IEnumerable<TraceRequest> requests)
    {
        if (rows is IReadsModels reader) return Counted(path, reader.Models, options.Model, stats, requests);
        if (options.Model is null) return requests;
        throw new TraceException(path, 0, $"a model was asked for ('{options.Model}'), but {TraceFormats.Name(format)} " +
            $"traces are not read by model: only {TraceFormats.Name(TraceFormat.LiteLlmSpendLogs)} and " +
            $"{TraceFormats.Name(TraceFormat.OpenAiUsage)} are")
        { Option = "model" };
    }

    private static IEnumerable<TraceRequest> Counted(string path, ModelTally models, string? model, TraceStats stats,
                                                     IEnumerable<TraceRequest> requests)
    {
        foreach (var request in requests)
        {
            yield return request;
        }
        stats.Models = [.. models.Names];
        stats.MoreModels = models.More;
        if (model is not null && models.Matched == 0)
        {
            throw new TraceException(path, 0, $"no row is of model '{model}'; the file's models: {ModelTally.Listed(stats.Models, stats.MoreModels)}")
            {
                Option = "model",
            };
        }
    }
}
