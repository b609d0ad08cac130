package dev.parley.helm;

import java.util.List;
import java.util.Map;

/** The JSON patch operations (RFC 6902) the overlays use: add, replace and remove. */
final class JsonPatch {

    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> document, Map<String, Object> operation) {
        String op = (String) operation.get("op");
        String[] tokens = ((String) operation.get("path")).substring(1).split("/");
        Object parent = document;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]), operation);
        }
        String last = unescape(tokens[tokens.length - 1]);
        Object value = Kustomize.copy(operation.get("value"));
        if (parent instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            switch (op) {
                case "add" -> object.put(last, value);
                case "replace", "remove" -> {
                    if (!object.containsKey(last)) {
                        throw new IllegalArgumentException(op + ": no such path " + operation.get("path"));
                    }
                    if (op.equals("replace")) {
                        object.put(last, value);
                    } else {
                        object.remove(last);
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch op not supported here: " + op);
            }
        } else if (parent instanceof List<?> list) {
            List<Object> array = (List<Object>) list;
            switch (op) {
                case "add" -> {
                    if (last.equals("-")) {
                        array.add(value);
                    } else {
                        array.add(Integer.parseInt(last), value);
                    }
                }
                case "replace" -> array.set(index(array, last, operation), value);
                case "remove" -> array.remove(index(array, last, operation));
                default -> throw new IllegalArgumentException("JSON patch op not supported here: " + op);
            }
        } else {
            throw new IllegalArgumentException("no such path " + operation.get("path"));
        }
    }

    private static Object child(Object parent, String token, Map<String, Object> operation) {
        Object child = parent instanceof Map<?, ?> map ? map.get(token)
                : parent instanceof List<?> list ? list.get(index(list, token, operation)) : null;
        if (child == null) {
            throw new IllegalArgumentException("no such path " + operation.get("path"));
        }
        return child;
    }

    private static int index(List<?> list, String token, Map<String, Object> operation) {
        int index = Integer.parseInt(token);
        if (index < 0 || index >= list.size()) {
            throw new IllegalArgumentException("index out of range in " + operation.get("path"));
        }
        return index;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
