package dev.jetonvoucher.templatechecks;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one compiled class refers to, read from its constant pool: the class entries (what it
 * instantiates, calls, casts to, catches) and the type descriptors and generic signatures (field,
 * parameter and return types). String literals are left out, so a class that merely names another in a
 * message does not depend on it. A small reader instead of a bytecode library: the constant pool's
 * layout is all it needs (JVMS §4.4).
 */
record ClassReferences(String className, Set<String> referenced) {

    /** a class name inside a descriptor or signature: {@code Ldev/jetonvoucher/gate/Acceptance;} or {@code ...<} */
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

    static ClassReferences read(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            BitSet stringLiterals = new BitSet(count);
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8 -> stringLiterals.set(in.readUnsignedShort());
                    case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
                    case 15 -> in.skipNBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> { // Long and Double take two entries
                        in.skipNBytes(8);
                        i++;
                    }
                    default ->
                        throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            in.readUnsignedShort(); // access flags
            String self = dotted(utf8[classNameIndex[in.readUnsignedShort()]]);
            Set<String> referenced = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (classNameIndex[i] != 0) {
                    String name = utf8[classNameIndex[i]];
                    if (name.startsWith("[")) { // an array class: its element type is in descriptor form
                        addDescriptorClasses(name, referenced);
                    } else {
                        referenced.add(dotted(name));
                    }
                }
            }
            for (int i = 1; i < count; i++) {
                if (utf8[i] != null && !stringLiterals.get(i)) {
                    addDescriptorClasses(utf8[i], referenced);
                }
            }
            referenced.remove(self);
            return new ClassReferences(self, referenced);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated class file", e);
        }
    }

    private static void addDescriptorClasses(String text, Set<String> into) {
        Matcher matcher = DESCRIPTOR_CLASS.matcher(text);
        while (matcher.find()) {
            into.add(dotted(matcher.group(1)));
        }
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
