// The Boot application compiled against the starter, resolved through the BOM alone.
File classFile = new File(basedir, 'target/classes/com/example/boot/BootConsumer.class')
assert classFile.isFile() : "not compiled: ${classFile}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/classes/application.yaml').isFile() : 'application.yaml not processed'

// The SDK artifacts came from this build (invoker:install put them into target/local-repo, read first).
File repo = new File(basedir, '../../local-repo/dev/citadel')
['citadel-client-bom', 'citadel-spring-boot-starter', 'citadel-spring-boot-autoconfigure', 'citadel-client-core'].each { a ->
  assert new File(repo, a).isDirectory() : "${a} was not installed for the consumer"
}

// Everything else was already in the outer build's local repository, so this works offline. A download
// here means the consumer needs something the outer build never resolved: usually a plugin version in
// src/it/boot-consumer/pom.xml that differs from the root pom's (see the properties of this module's pom).
def downloads = log.readLines().findAll { it.contains('Downloading from') }
assert downloads.isEmpty() : "the consumer build downloaded:\n${downloads.join('\n')}"
return true
