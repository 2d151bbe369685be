using Mono.Cecil;
using Mono.Cecil.Cil;

namespace IngestWorker.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: from every type's signatures and from the instructions of
/// every method body (closures and async state machines count for the type that declares them).
/// </summary>
public static class NamespaceGraph
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = NamespaceOf(type);
            if (string.IsNullOrEmpty(from))
            {
                continue;
            }

            if (!edges.TryGetValue(from, out var targets))
            {
                edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var used in Used(type))
            {
                if (used.Scope == module && NamespaceOf(used) is { Length: > 0 } to && to != from)
                {
                    targets.Add(to);
                }
            }
        }

        return edges.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    private static IEnumerable<TypeReference> Used(TypeDefinition type)
    {
        var used = new List<TypeReference>();
        if (type.BaseType is not null)
        {
            used.Add(type.BaseType);
        }

        used.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        used.AddRange(type.Fields.Select(f => f.FieldType));
        used.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            used.Add(method.ReturnType);
            used.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            used.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        used.Add(t);
                        break;
                    case MethodReference m:
                        used.Add(m.DeclaringType);
                        used.Add(m.ReturnType);
                        used.AddRange(m.Parameters.Select(p => p.ParameterType));
                        if (m is GenericInstanceMethod generic)
                        {
                            used.AddRange(generic.GenericArguments);
                        }

                        break;
                    case FieldReference f:
                        used.Add(f.DeclaringType);
                        used.Add(f.FieldType);
                        break;
                    case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or null:
                        break;
                }
            }
        }

        return used.SelectMany(Unwrap);
    }

    /// <summary>A type and the types it is made of: generic arguments, element types of arrays and references.</summary>
    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var part in generic.GenericArguments.SelectMany(Unwrap).Append(generic.ElementType))
                {
                    yield return part;
                }

                break;
            case TypeSpecification specification:
                foreach (var part in Unwrap(specification.ElementType))
                {
                    yield return part;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
