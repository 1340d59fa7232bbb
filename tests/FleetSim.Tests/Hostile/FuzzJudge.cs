using System.Text.Json;

namespace FleetSim.Tests.Hostile;

/// <summary>
/// The rules every fuzz case is held to (issue 15): exit 0 or 2 within the time limit; never a stack trace;
/// a refusal is one line starting "fleetsim: " that names the place, and leaves no output; a run prints a
/// sane bill (finite numbers, costs and counts not negative, shares within [0, 1]).
/// </summary>
public static class FuzzJudge
{
    /// <summary>Null when the outcome keeps every rule, else what it broke.</summary>
    public static string? Judge(FuzzCase c, FuzzOutcome o)
    {
        if (o.TimedOut)
        {
            return $"still running after {FleetsimProcess.TimeLimit.TotalSeconds:0} s";
        }
        if (o.Err.Contains("   at ", StringComparison.Ordinal) || o.Err.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return "a stack trace: " + FirstLine(o.Err);
        }
        switch (o.Code)
        {
            case 2:
                string[] lines = o.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                string[] messages = [.. lines.Where(l => l.StartsWith("fleetsim: ", StringComparison.Ordinal))];
                if (messages.Length != 1)
                {
                    return $"{messages.Length} 'fleetsim:' lines on a refusal: {FirstLine(o.Err)}";
                }
                if (c.Place is { } place && !messages[0].Contains(place, StringComparison.Ordinal))
                {
                    return $"the message does not name '{place}': {messages[0]}";
                }
                if (o.OutputLeft)
                {
                    return "refused but left output behind";
                }
                return c.Expect == FuzzExpectation.Runs ? "refused a valid input: " + messages[0] : null;
            case 0:
                if (c.Expect == FuzzExpectation.Refused)
                {
                    return "accepted: " + FirstLine(o.Out);
                }
                return o.Out.TrimStart().StartsWith('{') ? SaneBill(o.Out) : null;
            default:
                return $"exit {o.Code}: {FirstLine(o.Err)}";
        }
    }

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "(nothing)";
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    private static string? SaneBill(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return Sane(doc.RootElement, "");
        }
        catch (JsonException e)
        {
            return "stdout is not JSON: " + e.Message;
        }
    }

    private static string? Sane(JsonElement e, string name)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (Sane(p.Value, p.Name) is { } broken)
                    {
                        return broken;
                    }
                }
                return null;
            case JsonValueKind.Array:
                foreach (JsonElement item in e.EnumerateArray())
                {
                    if (Sane(item, name) is { } broken)
                    {
                        return broken;
                    }
                }
                return null;
            case JsonValueKind.Number:
                double v = e.GetDouble();
                if (!double.IsFinite(v))
                {
                    return $"{name} = {v}";
                }
                bool signed = name.StartsWith("savings", StringComparison.Ordinal) || name.StartsWith("fluid_savings", StringComparison.Ordinal)
                              || name.StartsWith("break_even", StringComparison.Ordinal);
                if (!signed && v < 0)
                {
                    return $"{name} = {v} is negative";
                }
                if (!signed && (name.EndsWith("share", StringComparison.Ordinal) || name.EndsWith("utilization", StringComparison.Ordinal)) && v > 1)
                {
                    return $"{name} = {v} is above 1";
                }
                return null;
            default:
                return null;
        }
    }
}
