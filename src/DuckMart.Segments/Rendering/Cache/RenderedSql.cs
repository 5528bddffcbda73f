using LinqToDB.Data;

namespace DuckMart.Segments.Rendering.Cache;

/// <summary>
/// One SQL text linq2db rendered for a plan shape, and for each of its parameters where the value comes from:
/// a plan value (by its index in <see cref="PlanValues.Values"/>) or a constant of the shape.
/// </summary>
internal sealed record RenderedSql(string Sql, IReadOnlyList<ParameterSource> Parameters)
{
    /// <summary>The parameters for one plan's values, each a new <see cref="DataParameter"/> typed as linq2db typed it.</summary>
    public DataParameter[] Bind(IReadOnlyList<object> values)
    {
        var bound = new DataParameter[Parameters.Count];
        for (var i = 0; i < bound.Length; i++)
        {
            var source = Parameters[i];
            var template = source.Template;
            bound[i] = new DataParameter(template.Name, source.Slot is { } slot ? AsTemplate(values[slot], template.Value) : template.Value, template.DataType)
            {
                DbType = template.DbType,
                Size = template.Size,
                Precision = template.Precision,
                Scale = template.Scale,
            };
        }

        return bound;
    }

    /// <summary>The value in the .NET type linq2db gave the parameter (an int for an INTEGER column); checked, so it throws on overflow.</summary>
    private static object? AsTemplate(object value, object? template) => template switch
    {
        int when value is long l => checked((int)l),
        short when value is long l => checked((short)l),
        _ => value,
    };
}

/// <summary>A parameter as linq2db rendered it; its value is plan value <see cref="Slot"/>, or the template's own when null.</summary>
internal sealed record ParameterSource(DataParameter Template, int? Slot);
