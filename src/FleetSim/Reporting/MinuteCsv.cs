using System.Globalization;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Engine.Requests;

namespace FleetSim.Reporting;

/// <summary>Writes a run minute by minute: demand, what the fleet served, what spilled to the API (tok/s).</summary>
public static class MinuteCsv
{
    /// <summary>The request engine's minutes: demand and the time-weighted mean requests in flight across the fleet.</summary>
    public static void Write(RequestRun run, TextWriter writer)
    {
        writer.WriteLine("minute,demand_tok_s,in_flight");
        ReadOnlySpan<double> demand = run.Demand.Rate;
        for (int m = 0; m < demand.Length; m++)
        {
            writer.Write(m.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(demand[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(run.InFlightPerMinute[m].ToString("0.###", CultureInfo.InvariantCulture));
        }
    }

    public static void Write(MinuteRun run, TextWriter writer)
    {
        if (run.Classes is { } classes)
        {
            WriteClassed(run, classes, writer);
            return;
        }
        writer.WriteLine("minute,demand_tok_s,self_host_tok_s,spill_tok_s");
        ReadOnlySpan<double> demand = run.Demand.Rate, served = run.Served;
        for (int m = 0; m < demand.Length; m++)
        {
            writer.Write(m.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(demand[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(served[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine((demand[m] - served[m]).ToString("0.###", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// With traffic classes: self_host_tok_s is everything the fleet served (interactive and deferred), spill_tok_s the
    /// interactive spill at list price, deferred_tok_s the held tokens served, batch_api_tok_s the tokens sent to the
    /// batch tier at the end of the minute ÷ 60 (the last minute adds what was still held at the horizon's end).
    /// </summary>
    private static void WriteClassed(MinuteRun run, Engine.Deferral.ClassedMinutes classes, TextWriter writer)
    {
        writer.WriteLine("minute,demand_tok_s,self_host_tok_s,spill_tok_s,deferred_tok_s,batch_api_tok_s");
        ReadOnlySpan<double> demand = run.Demand.Rate, served = run.Served;
        for (int m = 0; m < demand.Length; m++)
        {
            double spill = classes.InteractiveDemand[m] - classes.InteractiveServed[m];
            writer.WriteLine(string.Join(',', m.ToString(CultureInfo.InvariantCulture), F(demand[m]), F(served[m]), F(spill),
                                         F(classes.DeferredServed[m]), F(classes.BatchApi[m])));
        }
    }

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
