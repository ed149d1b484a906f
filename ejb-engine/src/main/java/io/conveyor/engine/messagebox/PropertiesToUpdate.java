package io.conveyor.engine.messagebox;

import io.conveyor.adapter.ContextProperty;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The {@code PropertiesToUpdate} document (send-adapter contract §4.6 in {@code docs/send-adapter-contract.md}):
 * properties an adapter wants on the message when it comes back after a resubmit or a resumption.
 * <pre>{@code <PropertiesToUpdate><Property name="RetryAttempts" nameSpace="urn:x" vt="3">4</Property></PropertiesToUpdate>}</pre>
 * {@code vt} is the OLE variant type: 8 string (the default), 3 int, 20 long, 5 double, 11 boolean
 * ({@code -1}/{@code true} or {@code 0}/{@code false}).
 */
public final class PropertiesToUpdate {

    private PropertiesToUpdate() {
    }

    /**
     * Reads the document.
     *
     * @throws IllegalArgumentException when it is not well-formed or a value does not fit its {@code vt}
     */
    public static List<ContextProperty> parse(String xml) {
        List<ContextProperty> properties = new ArrayList<>();
        if (xml == null || xml.isBlank()) {
            return properties;
        }
        Document document = read(xml);
        NodeList nodes = document.getDocumentElement().getElementsByTagName("Property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            String name = element.getAttribute("name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("PropertiesToUpdate: a Property has no name");
            }
            properties.add(new ContextProperty(name, element.getAttribute("nameSpace"),
                    value(name, element.getAttribute("vt"), element.getTextContent()), false));
        }
        return properties;
    }

    /** Both documents as one; where both name a property, {@code later} wins. Returns {@code null} when empty. */
    public static String merge(String earlier, String later) {
        Map<String, ContextProperty> merged = new LinkedHashMap<>();
        for (ContextProperty property : parse(earlier)) {
            merged.put(property.namespace() + "#" + property.name(), property);
        }
        for (ContextProperty property : parse(later)) {
            merged.put(property.namespace() + "#" + property.name(), property);
        }
        return merged.isEmpty() ? null : write(List.copyOf(merged.values()));
    }

    /** Writes properties as a document. */
    public static String write(List<ContextProperty> properties) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartElement("PropertiesToUpdate");
            for (ContextProperty property : properties) {
                xml.writeStartElement("Property");
                xml.writeAttribute("name", property.name());
                xml.writeAttribute("nameSpace", property.namespace());
                xml.writeAttribute("vt", variantType(property.value()));
                xml.writeCharacters(property.value() instanceof Boolean b ? (b ? "-1" : "0") : property.value().toString());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write PropertiesToUpdate", e);
        }
        return out.toString();
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        } catch (Exception e) {
            throw new IllegalArgumentException("PropertiesToUpdate is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static Object value(String name, String variantType, String text) {
        String vt = variantType.isBlank() ? "8" : variantType.trim();
        try {
            return switch (vt) {
                case "8" -> text;
                case "3" -> Integer.valueOf(text.trim());
                case "20" -> Long.valueOf(text.trim());
                case "5" -> Double.valueOf(text.trim());
                case "11" -> parseBoolean(text.trim());
                default -> throw new IllegalArgumentException("PropertiesToUpdate: property " + name
                        + " has unsupported vt=" + vt + " (use 8, 3, 20, 5 or 11)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PropertiesToUpdate: property " + name + " value '" + text
                    + "' does not fit vt=" + vt, e);
        }
    }

    private static Boolean parseBoolean(String text) {
        if (text.equals("-1") || text.equals("1") || text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("0") || text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new NumberFormatException(text);
    }

    private static String variantType(Object value) {
        if (value instanceof Integer) {
            return "3";
        }
        if (value instanceof Long) {
            return "20";
        }
        if (value instanceof Double) {
            return "5";
        }
        if (value instanceof Boolean) {
            return "11";
        }
        return "8";
    }
}
