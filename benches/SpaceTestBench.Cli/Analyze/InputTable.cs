using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Analyze;

/// <summary>
/// A CSV file given to <c>spacebench analyze</c>: a header whose cells name each column and give its unit
/// in brackets ("fluence [ions/cm²]"), then one row per point; lines starting with '#' are comments.
/// Every problem is reported as <c>file:line:column: what is wrong</c>.
/// </summary>
public sealed partial class InputTable
{
    private readonly List<(int Line, string[] Fields)> _rows;

    private InputTable(string file, IReadOnlyList<InputColumn> columns, List<(int Line, string[] Fields)> rows)
    {
        File = file;
        Columns = columns;
        _rows = rows;
    }

    /// <summary>The file as given.</summary>
    public string File { get; }

    /// <summary>The columns from the header.</summary>
    public IReadOnlyList<InputColumn> Columns { get; }

    /// <summary>The data rows, each with its line number.</summary>
    public IReadOnlyList<(int Line, string[] Fields)> Rows => _rows;

    /// <summary>
    /// Reads <paramref name="file"/> line by line (one pass, memory in proportion to the data); throws <see cref="InputException"/>
    /// naming file, line and column (the field's number, as in every other message, with the character where it helps). Fields are comma-separated; a field may be double-quoted (RFC 4180, "" for a quote
    /// inside), but not across lines.
    /// </summary>
    public static InputTable Load(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        List<InputColumn>? columns = null;
        var rows = new List<(int, string[])>();
        var number = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw new InputException($"{file}:{number + 1}: the file is not UTF-8 text; save it as UTF-8 CSV.");
            }

            if (line is null)
            {
                break;
            }

            number++;
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var fields = Split(file, number, line);
            if (columns is null)
            {
                columns = fields.Select((header, i) => Column(file, number, i + 1, header)).ToList();
                continue;
            }

            if (fields.Length != columns.Count)
            {
                throw new InputException($"{file}:{number}: {fields.Length} field(s), but the header has {columns.Count} column(s).");
            }

            rows.Add((number, fields));
        }

        if (columns is null)
        {
            throw new InputException($"{file}: the file is empty; it needs a header line and one line per point.");
        }

        return rows.Count == 0
            ? throw new InputException($"{file}: there is a header but no data line.")
            : new InputTable(file, columns, rows);
    }

    // One CSV line into trimmed fields; a quoted field keeps its commas and turns "" into ".
    private static string[] Split(string file, int line, string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            field.Clear();
            var start = i + 1;
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new InputException($"{file}:{line}:{fields.Count + 1}: a quoted field (from character {start}) is not closed on its line; close it with '\"' (fields cannot span lines).");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw new InputException($"{file}:{line}:{fields.Count + 1}: '{text[i]}' at character {i + 1}, after a closing quote; a quoted field ends at the next comma.");
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"')
                    {
                        throw new InputException($"{file}:{line}:{fields.Count + 1}: a '\"' inside an unquoted field (character {i + 1}); quote the whole field and double the quote (\"\"), or remove it.");
                    }

                    if (char.IsControl(text[i]) && text[i] != '\t')
                    {
                        throw new InputException($"{file}:{line}:{fields.Count + 1}: control character U+{(int)text[i]:X4} at character {i + 1}; this does not look like a text CSV file.");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString().Trim());
            if (i >= text.Length)
            {
                return fields.ToArray();
            }

            i++; // the comma
        }
    }

    /// <summary>The column named <paramref name="name"/> (case-insensitive), which must measure <paramref name="dimension"/>.</summary>
    public InputColumn Require(string name, Dimension dimension, string example) =>
        Optional(name, dimension) ?? throw new InputException(
            $"{File}:1: there is no column '{name}'; add one such as '{example}'. Columns: {string.Join(", ", Columns.Select(c => c.Header))}.");

    /// <summary>The column named <paramref name="name"/> if there is one; its unit must measure <paramref name="dimension"/>.</summary>
    public InputColumn? Optional(string name, Dimension dimension)
    {
        var column = Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (column is not null && column.Unit.Dimension != dimension)
        {
            throw new InputException(string.IsNullOrEmpty(column.Unit.Symbol)
                ? $"{File}:1:{column.Number}: '{column.Header}' has no unit; {name} is a {dimension}: give its unit in brackets, e.g. '{name} [unit]'."
                : $"{File}:1:{column.Number}: '{column.Header}' is a {column.Unit.Dimension}; {name} is a {dimension}.");
        }

        return column;
    }

    /// <summary>The number in <paramref name="column"/> of a row.</summary>
    public double Number((int Line, string[] Fields) row, InputColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var text = row.Fields[column.Number - 1];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InputException($"{File}:{row.Line}:{column.Number}: '{text}' in column '{column.Header}' is not a number.");
    }

    /// <summary>The value of <paramref name="column"/> in a row, with the column's unit.</summary>
    public Quantity Quantity((int Line, string[] Fields) row, InputColumn column) => new(Number(row, column), column.Unit);

    /// <summary>A count (a whole number, not negative) in <paramref name="column"/> of a row.</summary>
    public long Count((int Line, string[] Fields) row, InputColumn column)
    {
        var value = Number(row, column);
        return value >= 0 && value == Math.Floor(value) && value < long.MaxValue
            ? (long)value
            : throw new InputException($"{File}:{row.Line}:{column.Number}: '{row.Fields[column.Number - 1]}' in column '{column.Header}' is not a count (a whole number, zero or more).");
    }

    private static InputColumn Column(string file, int line, int number, string header)
    {
        var match = HeaderPattern().Match(header);
        if (!match.Success)
        {
            throw new InputException($"{file}:{line}:{number}: '{header}' is not a column header; write 'name [unit]', or just 'name' for a count.");
        }

        var name = match.Groups["name"].Value.Trim();
        if (name.Length == 0)
        {
            throw new InputException($"{file}:{line}:{number}: column {number} has no name.");
        }

        if (!match.Groups["unit"].Success)
        {
            return new InputColumn(name, Units.One, number, header);
        }

        return Units.TryParse(match.Groups["unit"].Value, out var unit, out var error)
            ? new InputColumn(name, unit, number, header)
            : throw new InputException($"{file}:{line}:{number}: the unit of '{header}' is not understood: {error}");
    }

    [GeneratedRegex(@"^(?<name>[^\[\]]*?)\s*(\[(?<unit>[^\]]*)\])?\s*$")]
    private static partial Regex HeaderPattern();
}
