// Placeholder entry point: without one the Web SDK project does not build, and the specs
// reference Chat.Host. The real host composition (Kestrel + Akka.Hosting) comes from main
// and replaces this file.
return 0;
