// The consumer compiled against the SDK, resolved through the BOM alone.
File classFile = new File(basedir, 'target/classes/com/example/consumer/BomConsumer.class')
assert classFile.isFile() : "not compiled: ${classFile}"

String log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')

// The SDK artifacts came from this build (invoker:install put them into target/local-repo, read first).
File repo = new File(basedir, '../../local-repo/dev/citadel')
['citadel-client-bom', 'citadel-client-cache', 'citadel-client-core'].each { a ->
  assert new File(repo, a).isDirectory() : "${a} was not installed for the consumer"
}

// Everything else was already in the outer build's local repository, so this works offline. A download
// here means the consumer needs something the outer build never resolved: usually a plugin version in
// src/it/bom-consumer/pom.xml that differs from the root pom's (see the properties of this module's pom).
def downloads = log.readLines().findAll { it.contains('Downloading from') }
assert downloads.isEmpty() : "the consumer build downloaded:\n${downloads.join('\n')}"
return true
