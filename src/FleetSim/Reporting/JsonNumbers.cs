using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>
/// The one JSON style of every file FleetSim writes (bill.json, compare.json, sweep.json, tiers):
/// snake_case fields, indented, and numbers rounded by what they are, so floating-point leftovers
/// never show as values:
/// <list type="bullet">
/// <item>a field ending in <c>_usd</c> is dollars, rounded to cents;</item>
/// <item>a field whose name says share, fraction or utilization is a share of 1, rounded to 6 decimals
/// (a ten-thousandth of a percentage point);</item>
/// <item>any other number is rounded to 12 significant digits (184810.9999999952 → 184811);</item>
/// <item>−0 is written 0, and a value that is not finite (no demand, nothing to divide by) is null.</item>
/// </list>
/// Rounding is half away from zero. Reading takes numbers as written.
/// </summary>
public static class JsonNumbers
{
    /// <summary>Options with the rules above; <paramref name="omitNulls"/> leaves null fields out.</summary>
    /// <param name="contracts">Where the shapes' metadata comes from: null for <see cref="JsonContracts"/>, every shape FleetSim writes
    /// (generated at compile time); another resolver (a test's own shapes, by reflection) gets the same rounding rules.</param>
    public static JsonSerializerOptions Options(bool omitNulls = false, IJsonTypeInfoResolver? contracts = null) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Files and terminals, not HTML: '+' in a UTC offset and non-ASCII text ("·", "€") are written as themselves.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = omitNulls ? JsonIgnoreCondition.WhenWritingNull : JsonIgnoreCondition.Never,
        Converters = { new Rounded(Rounding.Significant), new RoundedOrNull(Rounding.Significant) },
        TypeInfoResolver = (contracts ?? JsonContracts.Default).WithAddedModifier(RoundByName),
    };

    /// <summary><paramref name="value"/> as JSON text under <paramref name="options"/> (from <see cref="Options"/>); its type must be one <see cref="JsonContracts"/> lists.</summary>
    /// <exception cref="NotSupportedException">A type <see cref="JsonContracts"/> does not list.</exception>
    public static string Write<T>(T value, JsonSerializerOptions options) => JsonSerializer.Serialize(value, Contract<T>(options));

    /// <summary><paramref name="value"/> as a JSON node under <paramref name="options"/>, as <see cref="Write{T}"/>.</summary>
    public static System.Text.Json.Nodes.JsonNode? Node<T>(T value, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(value, Contract<T>(options));

    private static JsonTypeInfo<T> Contract<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    // One converter per rule, shared by every property it applies to (a converter's construction inspects its own type).
    private static readonly Rounded CentsRule = new(Rounding.Cents), ShareRule = new(Rounding.Share);
    private static readonly RoundedOrNull CentsOrNullRule = new(Rounding.Cents), ShareOrNullRule = new(Rounding.Share);

    private static void RoundByName(JsonTypeInfo type)
    {
        foreach (JsonPropertyInfo property in type.Properties)
        {
            bool cents = property.Name.EndsWith("_usd", StringComparison.Ordinal);
            bool share = !cents && (property.Name.Contains("share", StringComparison.Ordinal) || property.Name.Contains("fraction", StringComparison.Ordinal)
                                    || property.Name.Contains("utilization", StringComparison.Ordinal));
            if (property.PropertyType == typeof(double) && (cents || share))
            {
                property.CustomConverter = cents ? CentsRule : ShareRule;
            }
            else if (property.PropertyType == typeof(double?) && (cents || share))
            {
                property.CustomConverter = cents ? CentsOrNullRule : ShareOrNullRule;
            }
        }
    }

    private sealed class Rounded(Func<double, double> rule) : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(rule(value));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    private sealed class RoundedOrNull(Func<double, double> rule) : JsonConverter<double?>
    {
        public override bool HandleNull => true;

        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } v && double.IsFinite(v))
            {
                writer.WriteNumberValue(rule(v));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
