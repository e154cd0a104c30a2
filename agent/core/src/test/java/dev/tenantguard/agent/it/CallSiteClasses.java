package dev.tenantguard.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Class files of distinct JDBC call sites, written directly (compiling a million lines of source
 * would take minutes): {@code gen.CallSites<c>} with methods {@code static void run<m>(Statement)},
 * each running {@code sitesPerMethod} statements in a row, every one on a line of its own. A
 * statement's SQL text comes from {@code static String <sqlSource>.nextSql()}, called before it on the
 * same line, so every call site also runs its own text.
 */
final class CallSiteClasses {
    static final String PACKAGE = "gen";
    static final String CLASS_PREFIX = "CallSites";
    static final String METHOD_PREFIX = "run";

    private CallSiteClasses() {
    }

    /** Writes the classes under {@code root} (a class path entry) and returns it. */
    static Path write(Path root, int classes, int methodsPerClass, int sitesPerMethod, String sqlSource)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(PACKAGE));
        for (int c = 0; c < classes; c++) {
            String simpleName = CLASS_PREFIX + c;
            Files.write(dir.resolve(simpleName + ".class"),
                    classFile(PACKAGE + "/" + simpleName, methodsPerClass, sitesPerMethod, sqlSource.replace('.', '/')));
        }
        return root;
    }

    private static byte[] classFile(String internalName, int methods, int sites, String sqlSource) {
        // straight-line code has no branch, so no stack map frame is needed
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        writer.visitSource(internalName.substring(internalName.lastIndexOf('/') + 1) + ".java", null);
        for (int m = 0; m < methods; m++) {
            MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, METHOD_PREFIX + m,
                    "(Ljava/sql/Statement;)V", null, new String[] {"java/sql/SQLException"});
            method.visitCode();
            for (int s = 0; s < sites; s++) {
                Label line = new Label();
                method.visitLabel(line);
                method.visitLineNumber(1 + m * sites + s, line);
                method.visitVarInsn(Opcodes.ALOAD, 0);
                method.visitMethodInsn(Opcodes.INVOKESTATIC, sqlSource, "nextSql", "()Ljava/lang/String;", false);
                method.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/sql/Statement", "executeQuery",
                        "(Ljava/lang/String;)Ljava/sql/ResultSet;", true);
                method.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/sql/ResultSet", "close", "()V", true);
            }
            method.visitInsn(Opcodes.RETURN);
            method.visitMaxs(0, 0);
            method.visitEnd();
        }
        writer.visitEnd();
        return writer.toByteArray();
    }
}
